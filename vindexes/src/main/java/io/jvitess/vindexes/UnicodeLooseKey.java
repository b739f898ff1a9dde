package io.jvitess.vindexes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The case-, accent- and width-insensitive sort key the {@code unicode_loose_*} vindexes hash: the UCA
 * primary weights of the text, each written as 2 bytes (weight up to 0x7fff) or 3 bytes (high bit set).
 *
 * <p>Vitess takes the weights from golang.org/x/text's CLDR 23 (Unicode 6.2) root table, which is not
 * available here. This approximation uses the DUCET 13.0 weights of the characters Unicode 6.2 already had
 * (so equal-under-collation strings still hash alike), mapped onto the CLDR 23 scale by interpolating
 * between weights recovered from Vitess's published hashes. Byte-exact only for text made of the anchor
 * characters (tab, space, B, e, g, L, n, o, s, t in any case or accent); see the vindexes README.
 */
final class UnicodeLooseKey {

    private static final String TABLE = "ducet-primary-weights.txt.gz";

    /** DUCET 13.0 primary -> CLDR 23 primary, for the characters whose CLDR 23 weight is known. */
    private static final int[][] ANCHORS = {
            {0x0201, 0x0100}, // TAB
            {0x0209, 0x0109}, // SPACE
            {0x1FBC, 0x1605}, // b
            {0x2007, 0x164C}, // e
            {0x2051, 0x1691}, // g
            {0x20D6, 0x1711}, // l
            {0x2118, 0x174F}, // n
            {0x213C, 0x1771}, // o
            {0x21D2, 0x17F3}, // s
            {0x21F7, 0x1816}, // t
    };

    // x/text's implicit weights for characters without a table entry, by code point range.
    private static final int COMMON_UNIFIED_OFFSET = 0x10000;
    private static final int RARE_UNIFIED_OFFSET = 0x20000;
    private static final int OTHER_OFFSET = 0x50000;

    private UnicodeLooseKey() {
    }

    /** The key of already validated UTF-8; trailing ASCII spaces are ignored, as MySQL pads with them. */
    static byte[] of(byte[] utf8) {
        int length = utf8.length;
        while (length > 0 && utf8[length - 1] == ' ') {
            length--;
        }
        String text = Normalizer.normalize(new String(utf8, 0, length, StandardCharsets.UTF_8), Normalizer.Form.NFD);
        int[] codePoints = text.codePoints().toArray();
        KeyWriter key = new KeyWriter(codePoints.length * 2);
        Table table = Table.INSTANCE;
        int position = 0;
        while (position < codePoints.length) {
            // Longest match first: contractions (e.g. Cyrillic letters with a breve) outrank their parts.
            int span = Math.min(table.longestEntry, codePoints.length - position);
            int[] primaries = null;
            for (; span > 0; span--) {
                primaries = table.entries.get(new String(codePoints, position, span));
                if (primaries != null) {
                    break;
                }
            }
            if (primaries == null) {
                key.append(implicitPrimary(codePoints[position]));
                position++;
                continue;
            }
            for (int primary : primaries) {
                key.append(primary);
            }
            position += span;
        }
        return key.toByteArray();
    }

    private static int implicitPrimary(int codePoint) {
        if (Character.isIdeographic(codePoint)) {
            boolean common = (codePoint >= 0x4E00 && codePoint <= 0x9FFF) || (codePoint >= 0xF900 && codePoint <= 0xFAFF);
            return codePoint + (common ? COMMON_UNIFIED_OFFSET : RARE_UNIFIED_OFFSET);
        }
        return codePoint + OTHER_OFFSET;
    }

    /** Piecewise-linear between anchors; beyond the outer anchors the nearest anchor's offset applies. */
    static int calibrate(int ducetPrimary) {
        if (ducetPrimary <= ANCHORS[0][0]) {
            return ducetPrimary - ANCHORS[0][0] + ANCHORS[0][1];
        }
        for (int index = 1; index < ANCHORS.length; index++) {
            int[] low = ANCHORS[index - 1];
            int[] high = ANCHORS[index];
            if (ducetPrimary <= high[0]) {
                long scaled = (long) (ducetPrimary - low[0]) * (high[1] - low[1]);
                return low[1] + (int) Math.round((double) scaled / (high[0] - low[0]));
            }
        }
        int[] last = ANCHORS[ANCHORS.length - 1];
        return ducetPrimary - last[0] + last[1];
    }

    /** Appends weights in x/text's level-1 key encoding. */
    private static final class KeyWriter {
        private byte[] bytes;
        private int size;

        KeyWriter(int capacity) {
            bytes = new byte[Math.max(capacity, 8)];
        }

        void append(int weight) {
            if (size + 3 > bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            if (weight <= 0x7FFF) {
                bytes[size++] = (byte) (weight >>> 8);
            } else {
                bytes[size++] = (byte) ((weight >>> 16) | 0x80);
                bytes[size++] = (byte) (weight >>> 8);
            }
            bytes[size++] = (byte) weight;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** The collation entries (single characters and contractions), loaded once on first use. */
    private static final class Table {
        static final Table INSTANCE = load();

        final Map<String, int[]> entries;
        final int longestEntry;

        private Table(Map<String, int[]> entries, int longestEntry) {
            this.entries = entries;
            this.longestEntry = longestEntry;
        }

        private static Table load() {
            Map<String, int[]> entries = new HashMap<>(32_768);
            int longest = 1;
            try (InputStream resource = UnicodeLooseKey.class.getResourceAsStream(TABLE)) {
                if (resource == null) {
                    throw new IllegalStateException("missing resource " + TABLE + " next to " + UnicodeLooseKey.class.getName());
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.US_ASCII));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int separator = line.indexOf(';');
                    int[] codePoints = parseHex(line.substring(0, separator));
                    int[] primaries = parseHex(line.substring(separator + 1));
                    for (int index = 0; index < primaries.length; index++) {
                        primaries[index] = calibrate(primaries[index]);
                    }
                    entries.put(new String(codePoints, 0, codePoints.length), primaries);
                    longest = Math.max(longest, codePoints.length);
                }
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read " + TABLE, unreadable);
            }
            return new Table(Map.copyOf(entries), longest);
        }

        private static int[] parseHex(String fields) {
            return fields.isBlank() ? new int[0] : Arrays.stream(fields.trim().split(" ")).mapToInt(field -> Integer.parseInt(field, 16)).toArray();
        }
    }
}
