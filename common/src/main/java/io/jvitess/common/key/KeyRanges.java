package io.jvitess.common.key;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.topodata.KeyRange;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

    /** True if the two ranges share at least one keyspace id (Vitess's KeyRangeIntersect). */
    public static boolean intersect(KeyRange first, KeyRange second) {
        byte[] firstStart = first.getStart().toByteArray();
        byte[] firstEnd = first.getEnd().toByteArray();
        byte[] secondStart = second.getStart().toByteArray();
        byte[] secondEnd = second.getEnd().toByteArray();
        return (firstEnd.length == 0 || compareNormalized(secondStart, firstEnd) < 0)
                && (secondEnd.length == 0 || compareNormalized(firstStart, secondEnd) < 0);
    }

    /** True if both ranges start at the same keyspace id, compared left-justified (an empty start is the minimum). */
    public static boolean keyRangeStartsEqual(KeyRange first, KeyRange second) {
        return compareNormalized(start(first), start(second)) == 0;
    }

    /** True if both ranges end at the same keyspace id, compared left-justified (an empty end is unbounded). */
    public static boolean keyRangeEndsEqual(KeyRange first, KeyRange second) {
        byte[] firstEnd = end(first);
        byte[] secondEnd = end(second);
        if (firstEnd.length == 0 || secondEnd.length == 0) {
            return firstEnd.length == secondEnd.length;
        }
        return compareNormalized(firstEnd, secondEnd) == 0;
    }

    /** True if the ranges cover the same keyspace ids, e.g. {@code -80} and {@code 00-8000}. */
    /** Orders ranges by their start (unsigned bytes, the unbounded start first): shard order in the serving graph. */
    public static final java.util.Comparator<KeyRange> BY_START =
            java.util.Comparator.comparing((KeyRange range) -> range.getStart().toByteArray(), java.util.Arrays::compareUnsigned);

    public static boolean equal(KeyRange first, KeyRange second) {
        return keyRangeStartsEqual(first, second) && keyRangeEndsEqual(first, second);
    }

    /** The range of every keyspace id starting with {@code prefix}: [prefix, prefix+1); full range for an empty prefix. */
    public static KeyRange fromPrefix(byte[] prefix) {
        byte[] end = prefix.clone();
        int index = end.length - 1;
        while (index >= 0 && ++end[index] == 0) {
            index--;
        }
        // Carrying out of the first byte means the prefix was all 0xff: the range runs to the end.
        byte[] exclusiveEnd = index < 0 ? new byte[0] : end;
        return KeyRange.newBuilder().setStart(ByteString.copyFrom(prefix)).setEnd(ByteString.copyFrom(exclusiveEnd)).build();
    }

    /**
     * Shard names splitting the key space into {@code count} near-even ranges (Vitess's GenerateShardRanges):
     * 2 hex digits per bound up to 256 shards, 4 up to 65536.
     */
    public static List<String> generateShardRanges(int count) {
        int digits;
        int slots;
        if (count <= 0) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "shards must be greater than zero");
        } else if (count <= 256) {
            digits = 2;
            slots = 256;
        } else if (count <= 65536) {
            digits = 4;
            slots = 65536;
        } else {
            // The typo (65336) is Vitess's own text.
            throw VtException.of(VtCode.INVALID_ARGUMENT, "this function does not support more than 65336 shards in a single keyspace");
        }
        String format = "%0" + digits + "x";
        double size = (double) slots / count;
        List<String> names = new ArrayList<>(count);
        int start = 0;
        for (int index = 1; index <= count; index++) {
            // Truncating the real-valued end on every step spreads the rounding loss over all shards.
            int end = (int) (index * size);
            String startText = start == 0 ? "" : String.format(format, start);
            String endText = end == slots ? "" : String.format(format, end);
            names.add(startText + "-" + endText);
            start = end;
        }
        return List.copyOf(names);
    }

    /**
     * Consecutive ranges from a spec such as {@code -40-80-c0-} (Vitess's ParseShardingSpec); {@code 0} means {@code -}.
     */
    public static List<KeyRange> parseShardingSpec(String spec) {
        String effective = "0".equals(spec) ? "-" : spec;
        String[] parts = effective.split("-", -1);
        if (parts.length == 1) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "malformed spec: doesn't define a range: %s", quoted(spec));
        }
        List<KeyRange> ranges = new ArrayList<>(parts.length - 1);
        String previous = parts[0];
        for (int index = 1; index < parts.length; index++) {
            String part = parts[index];
            if (part.isEmpty() && index != parts.length - 1) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "malformed spec: MinKey/MaxKey cannot be in the middle of the spec: %s", quoted(spec));
            }
            // Vitess compares the hex texts, not the decoded bytes.
            if (!part.isEmpty() && part.compareTo(previous) <= 0) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "malformed spec: shard limits should be in order: %s", quoted(spec));
            }
            ranges.add(KeyRange.newBuilder()
                    .setStart(ByteString.copyFrom(decodeGoHex(previous)))
                    .setEnd(ByteString.copyFrom(decodeGoHex(part)))
                    .build());
            previous = part;
        }
        return List.copyOf(ranges);
    }

    /**
     * The range of shard {@code index} out of {@code count} equal shards (Vitess's EvenShardsKeyRange); {@code count}
     * must be a power of two and bounds use as many bytes as {@code count - 1} needs, e.g. (256, 512) is {@code 8000-8080}.
     */
    public static KeyRange evenShardsKeyRange(int index, int count) {
        if (count <= 0) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "the shard count must be > 0: %d", count);
        }
        if (index < 0 || index >= count) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "the index of the shard must be less than the total number of shards: %d < %d", index, count);
        }
        if ((count & (count - 1)) != 0) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "the shard count must be a power of two: %d", count);
        }
        int width = 1;
        for (long remaining = (count - 1) >>> 8; remaining > 0; remaining >>>= 8) {
            width++;
        }
        BigInteger span = BigInteger.ONE.shiftLeft(8 * width).divide(BigInteger.valueOf(count));
        byte[] start = index == 0 ? new byte[0] : fixedWidth(span.multiply(BigInteger.valueOf(index)), width);
        byte[] end = index == count - 1 ? new byte[0] : fixedWidth(span.multiply(BigInteger.valueOf(index + 1L)), width);
        return KeyRange.newBuilder().setStart(ByteString.copyFrom(start)).setEnd(ByteString.copyFrom(end)).build();
    }

    /** Go's %q for the ASCII specs operators type; other characters pass through unchanged. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Hex decoding with Go's encoding/hex error texts, which Vitess passes through to the operator. */
    private static byte[] decodeGoHex(String hex) {
        for (int index = 0; index < hex.length(); index++) {
            char character = hex.charAt(index);
            if ("0123456789abcdefABCDEF".indexOf(character) < 0) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "encoding/hex: invalid byte: U+%04X '%c'", (int) character, character);
            }
        }
        if (hex.length() % 2 != 0) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "encoding/hex: odd length hex string");
        }
        return HEX.parseHex(hex);
    }

    private static byte[] fixedWidth(BigInteger value, int width) {
        byte[] magnitude = value.toByteArray();
        byte[] bytes = new byte[width];
        int copy = Math.min(width, magnitude.length);
        System.arraycopy(magnitude, magnitude.length - copy, bytes, width - copy, copy);
        return bytes;
    }

    private static byte[] start(KeyRange keyRange) {
        return keyRange == null ? new byte[0] : keyRange.getStart().toByteArray();
    }

    private static byte[] end(KeyRange keyRange) {
        return keyRange == null ? new byte[0] : keyRange.getEnd().toByteArray();
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
