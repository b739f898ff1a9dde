package io.jvitess.mysql.server;

import com.google.protobuf.ByteString;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;

import java.nio.charset.StandardCharsets;
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
        Row.Builder row = Row.newBuilder();
        ByteString.Output bytes = ByteString.newOutput();
        for (String value : values) {
            if (value == null) {
                row.addLengths(-1);
            } else {
                byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
                row.addLengths(encoded.length);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return row.setValues(bytes.toByteString()).build();
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
