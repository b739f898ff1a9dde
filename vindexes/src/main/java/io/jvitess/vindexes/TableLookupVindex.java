package io.jvitess.vindexes;

import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.vindexes.LookupContext.CommitOrder;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code lookup} and {@code lookup_unique}: a table maps values to keyspace ids; writes join the caller's
 * transaction unless {@code autocommit} (or {@code multi_shard_autocommit}) is set.
 */
final class TableLookupVindex extends AbstractLookupVindex {

    private static final Set<String> PARAMS = params();

    private final boolean noVerify;

    private TableLookupVindex(VindexParams params, boolean unique, LookupTable lookupTable) {
        super(params, PARAMS, unique, lookupTable);
        this.noVerify = params.bool("no_verify");
    }

    static TableLookupVindex create(VindexParams params, boolean unique) {
        boolean autocommit = params.bool("autocommit");
        boolean multiShardAutocommit = params.bool("multi_shard_autocommit");
        // A non-unique lookup written outside the transaction must tolerate rows left by a failed one.
        boolean upsert = !unique && (autocommit || multiShardAutocommit);
        return new TableLookupVindex(params, unique, new LookupTable(params, autocommit, upsert, multiShardAutocommit));
    }

    @Override
    public List<Destination> map(LookupContext context, List<SqlValue> ids) {
        if (writeOnly() || isIgnoredNull(ids)) {
            return everywhere(ids.size());
        }
        return destinations(ids, lookupTable.lookup(context, ids, CommitOrder.NORMAL));
    }

    @Override
    public List<Boolean> verify(LookupContext context, List<SqlValue> ids, List<byte[]> keyspaceIds) {
        if (writeOnly() || noVerify) {
            return allTrue(ids.size());
        }
        return lookupTable.verify(context, ids, keyspaceIdValues(keyspaceIds), CommitOrder.NORMAL);
    }

    @Override
    public void create(LookupContext context, List<List<SqlValue>> rowsColumns, List<byte[]> keyspaceIds, boolean ignoreMode) {
        lookupTable.create(context, rowsColumns, keyspaceIdValues(keyspaceIds), ignoreMode, CommitOrder.NORMAL);
    }

    @Override
    public void delete(LookupContext context, List<List<SqlValue>> rowsColumns, byte[] keyspaceId) {
        lookupTable.delete(context, rowsColumns, ResultRows.keyspaceIdValue(keyspaceId), CommitOrder.NORMAL);
    }

    @Override
    public void update(LookupContext context, List<SqlValue> oldValues, byte[] keyspaceId, List<SqlValue> newValues) {
        delete(context, List.of(oldValues), keyspaceId);
        create(context, List.of(newValues), List.of(keyspaceId), false);
    }

    private static Set<String> params() {
        Set<String> known = new HashSet<>(LookupTable.PARAMS);
        known.addAll(Set.of("autocommit", "multi_shard_autocommit", "no_verify"));
        return Set.copyOf(known);
    }
}
