package io.jvitess.vindexes;

/** XXH64 (seed 0), the 64-bit xxHash the {@code xxhash} vindexes use. */
final class Xxh64 {

    private static final long PRIME1 = 0x9E3779B185EBCA87L;
    private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME3 = 0x165667B19E3779F9L;
    private static final long PRIME4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME5 = 0x27D4EB2F165667C5L;

    private Xxh64() {
    }

    /** The keyspace id form: the 64-bit hash written little-endian, as Vitess does. */
    static byte[] littleEndian(byte[] input) {
        long hash = hash(input);
        byte[] out = new byte[8];
        for (int index = 0; index < 8; index++) {
            out[index] = (byte) (hash >>> (8 * index));
        }
        return out;
    }

    static long hash(byte[] input) {
        int length = input.length;
        int offset = 0;
        long hash;
        if (length >= 32) {
            long lane1 = PRIME1 + PRIME2;
            long lane2 = PRIME2;
            long lane3 = 0;
            long lane4 = -PRIME1;
            int limit = length - 32;
            while (offset <= limit) {
                lane1 = round(lane1, readLong(input, offset));
                lane2 = round(lane2, readLong(input, offset + 8));
                lane3 = round(lane3, readLong(input, offset + 16));
                lane4 = round(lane4, readLong(input, offset + 24));
                offset += 32;
            }
            hash = Long.rotateLeft(lane1, 1) + Long.rotateLeft(lane2, 7) + Long.rotateLeft(lane3, 12) + Long.rotateLeft(lane4, 18);
            hash = mergeRound(hash, lane1);
            hash = mergeRound(hash, lane2);
            hash = mergeRound(hash, lane3);
            hash = mergeRound(hash, lane4);
        } else {
            hash = PRIME5;
        }
        hash += length;
        while (offset + 8 <= length) {
            hash ^= round(0, readLong(input, offset));
            hash = Long.rotateLeft(hash, 27) * PRIME1 + PRIME4;
            offset += 8;
        }
        if (offset + 4 <= length) {
            hash ^= (readInt(input, offset) & 0xFFFFFFFFL) * PRIME1;
            hash = Long.rotateLeft(hash, 23) * PRIME2 + PRIME3;
            offset += 4;
        }
        while (offset < length) {
            hash ^= (input[offset] & 0xFFL) * PRIME5;
            hash = Long.rotateLeft(hash, 11) * PRIME1;
            offset++;
        }
        hash ^= hash >>> 33;
        hash *= PRIME2;
        hash ^= hash >>> 29;
        hash *= PRIME3;
        hash ^= hash >>> 32;
        return hash;
    }

    private static long round(long accumulator, long lane) {
        return Long.rotateLeft(accumulator + lane * PRIME2, 31) * PRIME1;
    }

    private static long mergeRound(long hash, long lane) {
        return (hash ^ round(0, lane)) * PRIME1 + PRIME4;
    }

    private static long readLong(byte[] input, int offset) {
        long value = 0;
        for (int index = 7; index >= 0; index--) {
            value = (value << 8) | (input[offset + index] & 0xFFL);
        }
        return value;
    }

    private static int readInt(byte[] input, int offset) {
        return (input[offset] & 0xFF) | (input[offset + 1] & 0xFF) << 8 | (input[offset + 2] & 0xFF) << 16 | (input[offset + 3] & 0xFF) << 24;
    }
}
