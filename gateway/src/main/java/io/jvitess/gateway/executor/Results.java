package io.jvitess.gateway.executor;

import com.google.protobuf.ByteString;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds results that vtgate answers itself (SHOW, local SELECTs): typed columns, text values. */
final class Results {

    private final List<Field> fields = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    static Results columns(String... names) {
        Results results = new Results();
        for (String name : names) {
            results.column(name, Type.VARCHAR);
        }
        return results;
    }

    Results column(String name, Type type) {
        fields.add(Field.newBuilder().setName(name).setType(type).build());
        return this;
    }

    /** Adds a row; a null value is SQL NULL. */
    Results row(Object... values) {
        if (values.length != fields.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + fields.size() + " columns");
        }
        rows.add(encodeRow(values));
        return this;
    }

    QueryResult build() {
        return QueryResult.newBuilder().addAllFields(fields).addAllRows(rows).build();
    }

    static Row encodeRow(Object... values) {
        Row.Builder row = Row.newBuilder();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        for (Object value : values) {
            if (value == null) {
                row.addLengths(-1);
            } else {
                byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
                row.addLengths(bytes.length);
                buffer.writeBytes(bytes);
            }
        }
        return row.setValues(ByteString.copyFrom(buffer.toByteArray())).build();
    }

    /** The text of one cell, or null for NULL. */
    static String value(QueryResult result, int rowIndex, int column) {
        Row row = result.getRows(rowIndex);
        int offset = 0;
        for (int index = 0; index < column; index++) {
            offset += (int) Math.max(0, row.getLengths(index));
        }
        long length = row.getLengths(column);
        if (length < 0) {
            return null;
        }
        return row.getValues().substring(offset, offset + (int) length).toString(StandardCharsets.UTF_8);
    }

    static QueryResult ok() {
        return QueryResult.getDefaultInstance();
    }
}
