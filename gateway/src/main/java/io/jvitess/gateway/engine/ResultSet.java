package io.jvitess.gateway.engine;

import com.google.protobuf.ByteString;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A statement's result inside vtgate: typed columns and rows of values (decoded from the
 * tablets' QueryResult once, so primitives can sort, group and join them), plus the DML counters.
 */
public record ResultSet(List<Field> fields, List<List<SqlValue>> rows, long rowsAffected, long insertId) {

    public ResultSet {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }

    public static ResultSet empty() {
        return new ResultSet(List.of(), List.of(), 0, 0);
    }

    public static ResultSet of(List<Field> fields, List<List<SqlValue>> rows) {
        return new ResultSet(fields, rows, 0, 0);
    }

    public static ResultSet fromProto(QueryResult result) {
        List<Field> fields = result.getFieldsList();
        List<List<SqlValue>> rows = new ArrayList<>(result.getRowsCount());
        for (Row row : result.getRowsList()) {
            rows.add(decode(fields, row));
        }
        return new ResultSet(fields, rows, result.getRowsAffected(), result.getInsertId());
    }

    public QueryResult toProto() {
        QueryResult.Builder builder = QueryResult.newBuilder()
                .addAllFields(fields)
                .setRowsAffected(rowsAffected)
                .setInsertId(insertId);
        for (List<SqlValue> row : rows) {
            builder.addRows(encode(row));
        }
        return builder.build();
    }

    public ResultSet withRows(List<List<SqlValue>> newRows) {
        return new ResultSet(fields, newRows, rowsAffected, insertId);
    }

    public ResultSet withFields(List<Field> newFields) {
        return new ResultSet(newFields, rows, rowsAffected, insertId);
    }

    public ResultSet withInsertId(long newInsertId) {
        return new ResultSet(fields, rows, rowsAffected, newInsertId);
    }

    /**
     * Keeps the first {@code count} columns (drops the helper columns a route added for sorting);
     * a negative count drops that many trailing columns instead (helpers placed after a {@code *}).
     */
    public ResultSet truncateColumns(int count) {
        if (count < 0) {
            return truncateColumns(Math.max(1, fields.size() + count));
        }
        if (count == 0 || count >= fields.size()) {
            return this;
        }
        List<List<SqlValue>> truncated = new ArrayList<>(rows.size());
        for (List<SqlValue> row : rows) {
            truncated.add(row.subList(0, count));
        }
        return new ResultSet(fields.subList(0, count), truncated, rowsAffected, insertId);
    }

    /** The value of one column as a SqlValue typed by the column's field. */
    private static List<SqlValue> decode(List<Field> fields, Row row) {
        List<SqlValue> values = new ArrayList<>(row.getLengthsCount());
        ByteString bytes = row.getValues();
        int offset = 0;
        for (int index = 0; index < row.getLengthsCount(); index++) {
            long length = row.getLengths(index);
            if (length < 0) {
                values.add(SqlValue.NULL);
                continue;
            }
            Type type = index < fields.size() ? fields.get(index).getType() : Type.VARBINARY;
            values.add(new SqlValue(type == Type.NULL_TYPE ? Type.VARBINARY : type, bytes.substring(offset, offset + (int) length).toByteArray()));
            offset += (int) length;
        }
        return values;
    }

    private static Row encode(List<SqlValue> values) {
        Row.Builder row = Row.newBuilder();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        for (SqlValue value : values) {
            if (value.isNull()) {
                row.addLengths(-1);
            } else {
                byte[] raw = value.raw();
                row.addLengths(raw.length);
                buffer.writeBytes(raw);
            }
        }
        return row.setValues(ByteString.copyFrom(buffer.toByteArray())).build();
    }
}
