package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;
import io.jvitess.proto.query.Value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Conversions between lookup statements' wire forms and {@link SqlValue}s. */
final class ResultRows {

    private ResultRows() {
    }

    /** The rows of a result as values; a length of -1 is NULL (Vitess's packed row encoding). */
    static List<List<SqlValue>> of(QueryResult result) {
        List<List<SqlValue>> rows = new ArrayList<>(result.getRowsCount());
        for (Row row : result.getRowsList()) {
            byte[] packed = row.getValues().toByteArray();
            List<SqlValue> values = new ArrayList<>(row.getLengthsCount());
            int offset = 0;
            for (int column = 0; column < row.getLengthsCount(); column++) {
                long length = row.getLengths(column);
                if (length < 0) {
                    values.add(SqlValue.NULL);
                    continue;
                }
                Type type = column < result.getFieldsCount() ? result.getFields(column).getType() : Type.VARBINARY;
                values.add(new SqlValue(type, java.util.Arrays.copyOfRange(packed, offset, offset + (int) length)));
                offset += (int) length;
            }
            rows.add(values);
        }
        return rows;
    }

    /** A {@code ::name} list bind variable (type TUPLE). */
    static BindVariable tuple(Collection<SqlValue> values) {
        BindVariable.Builder tuple = BindVariable.newBuilder().setType(Type.TUPLE);
        for (SqlValue value : values) {
            tuple.addValues(Value.newBuilder().setType(value.type()).setValue(value.toBindVariable().getValue()));
        }
        return tuple.build();
    }

    /** A keyspace id as the VARBINARY value lookup tables store in their {@code to} column. */
    static SqlValue keyspaceIdValue(byte[] keyspaceId) {
        return new SqlValue(Type.VARBINARY, keyspaceId);
    }
}
