package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.QueryRows;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Type;
import io.jvitess.proto.query.Value;

import java.util.Collection;
import java.util.List;

/** Conversions between lookup statements' wire forms and {@link SqlValue}s. */
final class ResultRows {

    private ResultRows() {
    }

    /** The rows of a result as values; a length of -1 is NULL (Vitess's packed row encoding). */
    static List<List<SqlValue>> of(QueryResult result) {
        return QueryRows.of(result);
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
