package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.QueryResult;

import java.util.List;
import java.util.Map;

/** How lookup vindexes reach their lookup table; implemented by vtgate (routes the SQL to the table's keyspace). */
public interface LookupContext {

    /** Which transaction a lookup statement runs in: consistent_lookup writes use PRE, its deletes POST. */
    enum CommitOrder { NORMAL, PRE, POST, AUTOCOMMIT }

    /**
     * Runs {@code sql}, which uses {@code :name} and {@code ::name} (list) bind variables; a list is a
     * {@link BindVariable} of type TUPLE with values. Failures are {@link io.jvitess.common.errors.VtException}s
     * carrying MySQL's errno (1062 for a duplicate key).
     */
    QueryResult execute(String sql, Map<String, BindVariable> bindVariables, CommitOrder order);

    /** For consistent_lookup conflict resolution: whether a row with these owner column values exists (lock in share mode). */
    default boolean ownerRowExists(String ownerTable, List<String> ownerColumns, List<SqlValue> values) {
        return false;
    }

    /**
     * The same check routed to the shard holding {@code keyspaceId} (Vitess runs
     * {@code select <col0> from <owner> where <col> = :<from> ... lock in share mode} there).
     * The default ignores the keyspace id.
     */
    default boolean ownerRowExists(byte[] keyspaceId, String ownerTable, List<String> ownerColumns, List<SqlValue> values) {
        return ownerRowExists(ownerTable, ownerColumns, values);
    }

    /** True inside a transaction running DML: lookups then lock the rows they read (read_lock). */
    default boolean inTransactionWithDml() {
        return false;
    }
}
