package io.jvitess.vindexes;

import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A unique single-column vindex computed from the value alone. Subclasses supply {@link #hash}; how a value
 * that cannot be converted is treated differs by type, as in Vitess: numeric conversions map to
 * {@link Destination.None}, byte conversions fail the statement. Verify always fails on a bad value.
 */
abstract class FunctionalVindex extends AbstractVindex implements SingleColumnVindex, Hashing {

    private final int cost;
    private final boolean unmappableIsNone;

    FunctionalVindex(VindexParams params, Set<String> knownParams, int cost, boolean unmappableIsNone) {
        super(params, knownParams);
        this.cost = cost;
        this.unmappableIsNone = unmappableIsNone;
    }

    @Override
    public final int cost() {
        return cost;
    }

    @Override
    public final boolean isUnique() {
        return true;
    }

    @Override
    public List<Destination> map(LookupContext context, List<SqlValue> ids) {
        List<Destination> destinations = new ArrayList<>(ids.size());
        for (SqlValue id : ids) {
            destinations.add(mapOne(id));
        }
        return destinations;
    }

    @Override
    public List<Boolean> verify(LookupContext context, List<SqlValue> ids, List<byte[]> keyspaceIds) {
        requireSameSize(ids.size(), keyspaceIds.size());
        List<Boolean> matches = new ArrayList<>(ids.size());
        for (int index = 0; index < ids.size(); index++) {
            matches.add(Arrays.equals(verificationKey(ids.get(index)), keyspaceIds.get(index)));
        }
        return matches;
    }

    /** The keyspace id Verify compares against; {@code hash} converts differently here than in Map. */
    byte[] verificationKey(SqlValue id) {
        return hash(id);
    }

    Destination mapOne(SqlValue id) {
        try {
            return new Destination.KeyspaceId(hash(id));
        } catch (VtException unmappable) {
            if (unmappableIsNone) {
                return new Destination.None();
            }
            throw unmappable;
        }
    }

    static void requireSameSize(int ids, int keyspaceIds) {
        if (ids != keyspaceIds) {
            throw new IllegalArgumentException("verify needs one keyspace id per value: " + ids + " values, " + keyspaceIds + " keyspace ids");
        }
    }
}
