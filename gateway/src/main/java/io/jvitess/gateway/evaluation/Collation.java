package io.jvitess.gateway.evaluation;

import io.jvitess.proto.query.Field;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * How vtgate compares text when it merges, groups or de-duplicates rows itself. Binary
 * collations compare bytes; every other collation is treated as MySQL's default
 * accent- and case-insensitive, pad-space comparison. Ordering pushed to MySQL uses
 * weight_string() instead, so this approximation only matters for rows vtgate combines
 * after a cross-shard join or a derived table.
 */
public enum Collation {
    BINARY,
    CASE_INSENSITIVE;

    /** Collation ids of MySQL/MariaDB binary collations (binary and the common *_bin ones). */
    private static final Set<Integer> BINARY_COLLATION_IDS = Set.of(63, 46, 83, 47, 65, 84, 309, 2304);

    public static Collation forField(Field field) {
        if (SqlTypes.isBinary(field.getType()) || BINARY_COLLATION_IDS.contains(field.getCharset())) {
            return BINARY;
        }
        return CASE_INSENSITIVE;
    }

    public int compare(byte[] left, byte[] right) {
        return switch (this) {
            case BINARY -> Arrays.compareUnsigned(left, right);
            case CASE_INSENSITIVE -> key(left).compareTo(key(right));
        };
    }

    /** A key equal for values this collation considers equal. */
    public String key(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return switch (this) {
            case BINARY -> text;
            case CASE_INSENSITIVE -> fold(text);
        };
    }

    private static String fold(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        String decomposed = Normalizer.normalize(text.substring(0, end), Normalizer.Form.NFD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (int index = 0; index < decomposed.length(); index++) {
            char character = decomposed.charAt(index);
            if (Character.getType(character) != Character.NON_SPACING_MARK) {
                folded.append(character);
            }
        }
        return folded.toString().toUpperCase(Locale.ROOT);
    }
}
