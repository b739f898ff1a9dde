package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.sqltypes.SqlValue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code multicol}: the keyspace id is the concatenation of a prefix of each column's hash, the prefix lengths
 * summing to at most 8 bytes, so a leading subset of the columns names a key range.
 */
final class MulticolVindex extends AbstractVindex implements MultiColumnVindex {

    private static final Set<String> PARAMS = Set.of("column_count", "column_bytes", "column_vindex");
    private static final int KEYSPACE_ID_BYTES = 8;
    private static final int MAX_COLUMNS = 8;

    private final List<Hashing> columnVindexes;
    private final int[] columnBytes;
    private final int cost;

    private MulticolVindex(VindexParams params, List<Vindex> columnVindexes, int[] columnBytes) {
        super(params.name(), params.type(), unknownToAll(params, columnVindexes));
        this.columnVindexes = columnVindexes.stream().map(Hashing.class::cast).toList();
        this.columnBytes = columnBytes;
        this.cost = columnVindexes.stream().mapToInt(Vindex::cost).sum();
    }

    static MulticolVindex create(VindexParams params, VindexRegistry registry) {
        int columnCount = columnCount(params);
        List<Vindex> columnVindexes = columnVindexes(params, registry, columnCount);
        int[] columnBytes = columnBytes(params.value("column_bytes").orElse(""), columnCount);
        return new MulticolVindex(params, columnVindexes, columnBytes);
    }

    @Override
    public int cost() {
        return cost;
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
            if (row.isEmpty()) {
                destinations.add(new Destination.AllShards());
                continue;
            }
            byte[] keyspaceId;
            try {
                keyspaceId = keyspaceId(row);
            } catch (VtException unmappable) {
                destinations.add(new Destination.None());
                continue;
            }
            destinations.add(row.size() < columnVindexes.size()
                    ? new Destination.Range(KeyRanges.fromPrefix(keyspaceId))
                    : new Destination.KeyspaceId(keyspaceId));
        }
        return destinations;
    }

    @Override
    public List<Boolean> verify(LookupContext context, List<List<SqlValue>> rows, List<byte[]> keyspaceIds) {
        FunctionalVindex.requireSameSize(rows.size(), keyspaceIds.size());
        List<Boolean> matches = new ArrayList<>(rows.size());
        for (int index = 0; index < rows.size(); index++) {
            matches.add(Arrays.equals(keyspaceId(rows.get(index)), keyspaceIds.get(index)));
        }
        return matches;
    }

    private byte[] keyspaceId(List<SqlValue> row) {
        if (row.size() > columnVindexes.size()) {
            throw VtException.of(VtCode.INTERNAL, "[BUG] wrong number of column values were passed: expected %d, got %d",
                    columnVindexes.size(), row.size());
        }
        ByteArrayOutputStream keyspaceId = new ByteArrayOutputStream(KEYSPACE_ID_BYTES);
        int offset = 0;
        for (int column = 0; column < row.size(); column++) {
            byte[] hash = columnVindexes.get(column).hash(row.get(column));
            // A short hash from an earlier column is zero-padded so each column keeps its byte positions.
            while (keyspaceId.size() < offset) {
                keyspaceId.write(0);
            }
            keyspaceId.write(hash, 0, Math.min(hash.length, columnBytes[column]));
            offset += columnBytes[column];
        }
        return keyspaceId.toByteArray();
    }

    private static int columnCount(VindexParams params) {
        String text = params.value("column_count").orElseThrow(
                () -> invalid("number of columns not provided in the parameter 'column_count'"));
        int count;
        try {
            count = Integer.parseInt(text.trim());
        } catch (NumberFormatException notNumber) {
            throw invalid("strconv.Atoi: parsing %s: invalid syntax", GoText.quote(text));
        }
        if (count < 1 || count > MAX_COLUMNS) {
            throw invalid("number of columns should be between 1 and 8 in the parameter 'column_count'");
        }
        return count;
    }

    private static List<Vindex> columnVindexes(VindexParams params, VindexRegistry registry, int columnCount) {
        String[] types = params.value("column_vindex").orElse("").split(",", -1);
        if (types.length > columnCount) {
            throw invalid("number of vindex function provided are more than column count in the parameter 'column_vindex'");
        }
        List<Vindex> vindexes = new ArrayList<>(columnCount);
        for (int column = 0; column < columnCount; column++) {
            String type = column < types.length && !types[column].isBlank() ? types[column].trim() : "hash";
            Vindex vindex = registry.create(type, type, params.values());
            if (!(vindex instanceof Hashing) || !vindex.isUnique() || vindex.needsLookup()) {
                throw invalid("multicol vindex supports vindexes that exports hashing function, are unique and are non-lookup vindex, passed vindex '%s' is invalid", type);
            }
            vindexes.add(vindex);
        }
        return vindexes;
    }

    /**
     * Explicit byte counts are kept; each remaining column gets ceil(remaining bytes / remaining columns),
     * left to right, so 3 columns default to [3, 3, 2].
     */
    static int[] columnBytes(String spec, int columnCount) {
        String[] explicit = spec.split(",", -1);
        if (explicit.length > columnCount) {
            throw invalid("number of column bytes provided are more than column count in the parameter 'column_bytes'");
        }
        int[] bytes = new int[columnCount];
        int used = 0;
        int pending = columnCount;
        for (int column = 0; column < explicit.length; column++) {
            String text = explicit[column].trim();
            if (text.isEmpty()) {
                continue;
            }
            int count;
            try {
                count = Integer.parseInt(text);
            } catch (NumberFormatException notNumber) {
                throw invalid("strconv.Atoi: parsing %s: invalid syntax", GoText.quote(text));
            }
            used += count;
            if (used > KEYSPACE_ID_BYTES) {
                throw bytesExceeded();
            }
            bytes[column] = count;
            pending--;
        }
        int remaining = KEYSPACE_ID_BYTES - used;
        for (int column = 0; column < columnCount; column++) {
            if (bytes[column] != 0) {
                continue;
            }
            if (pending > remaining) {
                throw bytesExceeded();
            }
            int share = (remaining + pending - 1) / pending;
            bytes[column] = share;
            remaining -= share;
            pending--;
        }
        return bytes;
    }

    /** Params are shared with the column vindexes, so a param is unknown only if none of them knows it. */
    private static List<String> unknownToAll(VindexParams params, List<Vindex> columnVindexes) {
        Set<String> knownByColumns = columnVindexes.stream()
                .flatMap(vindex -> params.values().keySet().stream().filter(key -> !vindex.unknownParams().contains(key)))
                .collect(Collectors.toSet());
        return params.unknown(PARAMS).stream().filter(key -> !knownByColumns.contains(key)).toList();
    }

    private static VtException bytesExceeded() {
        return invalid("column bytes count exceeds the keyspace id length (total bytes count cannot exceed 8 bytes) in the parameter 'column_bytes'");
    }

    private static VtException invalid(String format, Object... arguments) {
        return VtException.of(VtCode.INVALID_ARGUMENT, format, arguments);
    }
}
