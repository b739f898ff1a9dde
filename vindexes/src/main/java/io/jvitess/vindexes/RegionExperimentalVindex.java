package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.sqltypes.SqlValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code region_experimental}: columns (region, id); the keyspace id is the region number as 1 or 2 big-endian
 * bytes ({@code region_bytes}) followed by {@code hash(id)}, so each region owns a contiguous key range.
 */
final class RegionExperimentalVindex extends AbstractVindex implements MultiColumnVindex {

    private static final Set<String> PARAMS = Set.of("region_bytes");

    private final int regionBytes;

    RegionExperimentalVindex(VindexParams params) {
        super(params, PARAMS);
        String text = params.value("region_bytes").orElseThrow(
                () -> VtException.of(VtCode.INVALID_ARGUMENT, "region_experimental missing region_bytes param"));
        this.regionBytes = switch (text) {
            case "1" -> 1;
            case "2" -> 2;
            default -> throw VtException.of(VtCode.INVALID_ARGUMENT, "region_bits must be 1 or 2: %s", text);
        };
    }

    @Override
    public int cost() {
        return 1;
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public boolean partialVindex() {
        return true;
    }

    @Override
    public List<Destination> map(LookupContext context, List<List<SqlValue>> rows) {
        List<Destination> destinations = new ArrayList<>(rows.size());
        for (List<SqlValue> row : rows) {
            destinations.add(mapRow(row));
        }
        return destinations;
    }

    @Override
    public List<Boolean> verify(LookupContext context, List<List<SqlValue>> rows, List<byte[]> keyspaceIds) {
        FunctionalVindex.requireSameSize(rows.size(), keyspaceIds.size());
        List<Boolean> matches = new ArrayList<>(rows.size());
        for (int index = 0; index < rows.size(); index++) {
            matches.add(mapRow(rows.get(index)) instanceof Destination.KeyspaceId keyspaceId
                    && Arrays.equals(keyspaceId.id(), keyspaceIds.get(index)));
        }
        return matches;
    }

    private Destination mapRow(List<SqlValue> row) {
        if (row.isEmpty()) {
            return new Destination.AllShards();
        }
        if (row.size() > 2) {
            return new Destination.None();
        }
        try {
            byte[] region = region(ValueConversions.toCastUint64(row.get(0)));
            if (row.size() == 1) {
                return new Destination.Range(KeyRanges.fromPrefix(region));
            }
            byte[] hash = DesBlock.encrypt(ValueConversions.toHashNumber(row.get(1)));
            byte[] keyspaceId = Arrays.copyOf(region, region.length + hash.length);
            System.arraycopy(hash, 0, keyspaceId, region.length, hash.length);
            return new Destination.KeyspaceId(keyspaceId);
        } catch (VtException unmappable) {
            return new Destination.None();
        }
    }

    /** The region number truncated to 16 bits, big-endian; with 1 byte only the low byte is kept. */
    private byte[] region(long number) {
        return regionBytes == 1 ? new byte[] {(byte) number} : new byte[] {(byte) (number >>> 8), (byte) number};
    }
}
