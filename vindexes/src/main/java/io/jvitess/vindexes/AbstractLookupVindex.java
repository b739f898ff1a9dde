package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.topodata.KeyRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What the lookup types share: the table, {@code write_only} backfill mode (map everywhere, verify nothing)
 * and turning looked-up keyspace ids into destinations.
 */
abstract class AbstractLookupVindex extends AbstractVindex implements LookupVindex {

    final LookupTable lookupTable;
    private final boolean unique;
    private final boolean writeOnly;

    AbstractLookupVindex(VindexParams params, Set<String> knownParams, boolean unique, LookupTable lookupTable) {
        super(params, knownParams);
        this.unique = unique;
        this.writeOnly = params.bool("write_only");
        this.lookupTable = lookupTable;
    }

    @Override
    public final int cost() {
        return unique ? 10 : 20;
    }

    @Override
    public final boolean isUnique() {
        return unique;
    }

    @Override
    public final boolean needsLookup() {
        return true;
    }

    @Override
    public final String table() {
        return lookupTable.table();
    }

    @Override
    public final List<String> fromColumns() {
        return lookupTable.fromColumns();
    }

    @Override
    public final String toColumn() {
        return lookupTable.to();
    }

    @Override
    public final boolean autocommit() {
        return lookupTable.autocommit();
    }

    @Override
    public final boolean writeOnly() {
        return writeOnly;
    }

    @Override
    public final boolean ignoreNulls() {
        return lookupTable.ignoreNulls();
    }

    /** Map's answer when the lookup table cannot be trusted yet (write_only) or the value is an ignored NULL. */
    static List<Destination> everywhere(int count) {
        return Collections.nCopies(count, new Destination.Range(KeyRange.getDefaultInstance()));
    }

    static List<Boolean> allTrue(int count) {
        return Collections.nCopies(count, true);
    }

    /** True for Map of a single NULL with ignore_nulls: such rows were never inserted, so any shard may hold it. */
    boolean isIgnoredNull(List<SqlValue> ids) {
        return !unique && ids.size() == 1 && ids.getFirst().isNull() && ignoreNulls();
    }

    List<Destination> destinations(List<SqlValue> ids, List<List<SqlValue>> keyspaceIdsPerId) {
        List<Destination> destinations = new ArrayList<>(ids.size());
        for (int index = 0; index < ids.size(); index++) {
            List<SqlValue> found = keyspaceIdsPerId.get(index);
            if (found.isEmpty()) {
                destinations.add(new Destination.None());
            } else if (!unique) {
                destinations.add(new Destination.KeyspaceIds(found.stream().map(ValueConversions::toBytes).toList()));
            } else if (found.size() == 1) {
                destinations.add(new Destination.KeyspaceId(ValueConversions.toBytes(found.getFirst())));
            } else {
                throw VtException.of(VtCode.UNKNOWN, "Lookup.Map: unexpected multiple results from vindex %s: %s",
                        table(), GoText.describe(ids.get(index)));
            }
        }
        return destinations;
    }

    static List<SqlValue> keyspaceIdValues(List<byte[]> keyspaceIds) {
        return keyspaceIds.stream().map(ResultRows::keyspaceIdValue).toList();
    }
}
