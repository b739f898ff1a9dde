package io.jvitess.common.key;

import com.google.protobuf.ByteString;
import io.jvitess.proto.topodata.KeyRange;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Shard names and key ranges as Vitess defines them: {@code 0} or {@code -} is the full range,
 * otherwise {@code <hex start>-<hex end>} with even-length hex, start inclusive, end exclusive.
 */
public final class KeyRanges {

    private static final Pattern SHARD_NAME = Pattern.compile("^(0|([0-9a-fA-F]{2})*-([0-9a-fA-F]{2})*)$");
    private static final HexFormat HEX = HexFormat.of();

    private KeyRanges() {
    }

    public static boolean isValidShardName(String name) {
        return name != null && SHARD_NAME.matcher(name).matches();
    }

    /** True if the shard name denotes a range (contains {@code -}); {@code 0} is the unsharded name. */
    public static boolean isRangeBased(String shardName) {
        return shardName.contains("-");
    }

    /**
     * The key range of a shard name, or the default (full) range for a non-range name such as {@code 0}.
     *
     * @throws IllegalArgumentException for names Vitess rejects, e.g. {@code 1-2} or {@code -80x}
     */
    public static KeyRange fromShardName(String shardName) {
        if (!isValidShardName(shardName)) {
            throw new IllegalArgumentException("invalid shard name: '" + shardName + "'");
        }
        if (!isRangeBased(shardName)) {
            return KeyRange.getDefaultInstance();
        }
        int dash = shardName.indexOf('-');
        byte[] start = HEX.parseHex(shardName.substring(0, dash));
        byte[] end = HEX.parseHex(shardName.substring(dash + 1));
        if (start.length > 0 && end.length > 0 && compareUnsigned(start, end) >= 0) {
            throw new IllegalArgumentException("out of order keyrange: " + shardName);
        }
        return KeyRange.newBuilder().setStart(ByteString.copyFrom(start)).setEnd(ByteString.copyFrom(end)).build();
    }

    /** Lower-case {@code start-end}, or {@code -} for the full range. */
    public static String format(KeyRange keyRange) {
        return HEX.formatHex(keyRange.getStart().toByteArray()) + "-" + HEX.formatHex(keyRange.getEnd().toByteArray());
    }

    public static String normalizeShardName(String shardName) {
        return shardName.toLowerCase(Locale.ROOT);
    }

    /** Left-justified membership: start <= id < end, an empty bound being unbounded (Vitess's KeyRangeContains). */
    public static boolean contains(KeyRange keyRange, byte[] id) {
        byte[] start = keyRange.getStart().toByteArray();
        byte[] end = keyRange.getEnd().toByteArray();
        return (start.length == 0 || compareNormalized(id, start) >= 0)
                && (end.length == 0 || compareNormalized(id, end) < 0);
    }

    /** True if the two ranges share at least one keyspace id. */
    public static boolean intersect(KeyRange first, KeyRange second) {
        byte[] firstStart = first.getStart().toByteArray();
        byte[] firstEnd = first.getEnd().toByteArray();
        byte[] secondStart = second.getStart().toByteArray();
        byte[] secondEnd = second.getEnd().toByteArray();
        boolean firstEndsBeforeSecond = firstEnd.length != 0 && compareNormalized(firstEnd, secondStart) <= 0 && secondStart.length != 0;
        boolean secondEndsBeforeFirst = secondEnd.length != 0 && compareNormalized(secondEnd, firstStart) <= 0 && firstStart.length != 0;
        return !firstEndsBeforeSecond && !secondEndsBeforeFirst;
    }

    /** Unsigned byte comparison after dropping trailing zero bytes, so 80 == 8000 (left-justified ids). */
    public static int compareNormalized(byte[] left, byte[] right) {
        return java.util.Arrays.compareUnsigned(stripTrailingZeros(left), stripTrailingZeros(right));
    }

    private static byte[] stripTrailingZeros(byte[] value) {
        int length = value.length;
        while (length > 0 && value[length - 1] == 0) {
            length--;
        }
        return length == value.length ? value : java.util.Arrays.copyOf(value, length);
    }

    private static int compareUnsigned(byte[] left, byte[] right) {
        return java.util.Arrays.compareUnsigned(left, right);
    }
}
