package io.jvitess.vttest;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The shard names vttestserver gives a keyspace with n shards: {@code 0} for one shard, otherwise
 * Vitess's GenerateShardRanges split ({@code -80,80-}; {@code -40,40-80,80-c0,c0-}; ...).
 */
final class ShardNames {

    private static final int MAX_SHARDS = 65_536;

    private ShardNames() {
    }

    // TODO: use KeyRanges.generateShardRanges(n) once that lands in the installed common module.
    static List<String> evenSplit(int count) {
        if (count < 1 || count > MAX_SHARDS) {
            throw new IllegalArgumentException("shard count must be in 1.." + MAX_SHARDS + ", got " + count);
        }
        if (count == 1) {
            return List.of("0");
        }
        int digits = count <= 256 ? 2 : 4;
        int slots = count <= 256 ? 256 : MAX_SHARDS;
        // Vitess computes the width as a float so uneven splits spread the remainder instead of growing the last shard.
        double width = (double) slots / count;
        List<String> names = new ArrayList<>(count);
        int start = 0;
        for (int index = 1; index <= count; index++) {
            int end = (int) (index * width);
            names.add(bound(start, 0, digits) + "-" + bound(end, slots, digits));
            start = end;
        }
        return List.copyOf(names);
    }

    /** Hex with a fixed digit count; the open ends (0 at the start, the maximum at the end) are empty. */
    private static String bound(int value, int open, int digits) {
        if (value == open) {
            return "";
        }
        return HexFormat.of().toHexDigits(value).substring(8 - digits);
    }
}
