package io.jvitess.tablet.vreplication;

import io.jvitess.common.prototext.PrototextReader;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The copy phase's resume point for a table, stored in {@code _vt.copy_state.lastpk} as a prototext
 * QueryResult with the primary key fields and one row, as Vitess does:
 * {@code fields:{name:"id" type:INT64} rows:{lengths:2 values:"42"}}.
 */
public record LastPk(List<String> columns, List<SqlValue> values) {

    public LastPk {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        values = List.copyOf(requireNonNull(values, "values is null"));
        if (columns.size() != values.size()) {
            throw new IllegalArgumentException("lastpk has " + columns.size() + " columns but " + values.size() + " values");
        }
    }

    public String toPrototext() {
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < columns.size(); index++) {
            text.append("fields:{name:").append(quote(columns.get(index).getBytes(StandardCharsets.UTF_8)))
                    .append(" type:").append(values.get(index).type().name()).append("} ");
        }
        text.append("rows:{");
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        for (SqlValue value : values) {
            text.append("lengths:").append(value.isNull() ? -1 : value.length()).append(' ');
            concatenated.writeBytes(value.raw());
        }
        return text.append("values:").append(quote(concatenated.toByteArray())).append('}').toString();
    }

    private static String quote(byte[] bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : bytes) {
            int unsigned = b & 0xFF;
            if (unsigned == '"' || unsigned == '\\') {
                text.append('\\').append((char) unsigned);
            } else if (unsigned >= 0x20 && unsigned < 0x7F) {
                text.append((char) unsigned);
            } else {
                text.append(String.format("\\%03o", unsigned));
            }
        }
        return text.append('"').toString();
    }

    public static LastPk parse(String prototext) {
        PrototextReader reader = new PrototextReader(requireNonNull(prototext, "prototext is null"));
        List<String> columns = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        byte[] raw = new byte[0];
        while (!reader.atEnd()) {
            String field = reader.fieldName();
            if (field.equals("fields")) {
                reader.open();
                String name = "";
                Type type = Type.VARBINARY;
                while (!reader.closeIfNext()) {
                    switch (reader.fieldName()) {
                        case "name" -> name = new String(latin1(reader.scalar()), StandardCharsets.UTF_8);
                        case "type" -> type = Type.valueOf(reader.scalar());
                        default -> reader.skipValue();
                    }
                }
                columns.add(name);
                types.add(type);
            } else if (field.equals("rows")) {
                reader.open();
                while (!reader.closeIfNext()) {
                    switch (reader.fieldName()) {
                        case "lengths" -> lengths.add(Long.parseLong(reader.scalar()));
                        case "values" -> raw = latin1(reader.scalar());
                        default -> reader.skipValue();
                    }
                }
            } else {
                reader.skipValue();
            }
        }
        List<SqlValue> values = new ArrayList<>();
        int offset = 0;
        for (int index = 0; index < columns.size(); index++) {
            long length = index < lengths.size() ? lengths.get(index) : -1;
            if (length < 0) {
                values.add(SqlValue.NULL);
                continue;
            }
            byte[] value = Arrays.copyOfRange(raw, offset, offset + (int) length);
            offset += (int) length;
            values.add(new SqlValue(types.get(index), value));
        }
        return new LastPk(columns, values);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
