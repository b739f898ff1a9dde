package io.jvitess.mysql.server;

import io.jvitess.mysql.packet.PacketFixtures;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;

import java.util.List;

/** Builds QueryResults for tests. */
final class Results {

    private Results() {
    }

    static Field field(String name, Type type) {
        return Field.newBuilder().setName(name).setOrgName(name).setType(type).build();
    }

    /** A row of text values; null is SQL NULL. */
    static Row row(String... values) {
        return PacketFixtures.row(values);
    }

    static QueryResult resultSet(List<Field> fields, List<Row> rows) {
        return QueryResult.newBuilder().addAllFields(fields).addAllRows(rows).build();
    }

    /** One column, one row. */
    static QueryResult single(String name, Type type, String value) {
        return resultSet(List.of(field(name, type)), List.of(row(value)));
    }

    static QueryResult ok(long rowsAffected, long insertId) {
        return QueryResult.newBuilder().setRowsAffected(rowsAffected).setInsertId(insertId).build();
    }

    static QueryResult ok() {
        return QueryResult.getDefaultInstance();
    }
}
