package io.jvitess.tablet.vdiff;

import io.jvitess.common.sqltypes.SqlValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Orders primary-key tuples the way MySQL's {@code ORDER BY <pk>} returns them, so sorted source and
 * target streams can be merged and joined.
 * <p>
 * Exact for integers, decimals/floats, binary strings ({@code binary}, {@code varbinary}, blobs: unsigned
 * bytes, shorter prefix first) and {@code _bin} collations (code point order, trailing spaces ignored for
 * PAD SPACE collations). Dates and times compare as their fixed-width text, which is exact for
 * non-negative values. Other text collations are <b>approximated</b> with the root-locale UCA collator at
 * primary strength (case and accent insensitive), ties broken by bytes; {@code enum} keys compare as text
 * although MySQL orders them by index. Where the approximation disagrees with MySQL the merge reports a
 * row as extra on both sides; {@link TableDiffer} pairs such rows again at the end of the table.
 */
final class KeyOrder implements Comparator<List<SqlValue>> {

    /** How one key column compares. */
    enum ColumnKind { INTEGER, NUMBER, BYTES, BINARY_TEXT, COLLATED_TEXT }

    /** One key column: its comparison and whether trailing spaces are insignificant (PAD SPACE). */
    record KeyColumn(ColumnKind kind, boolean padSpace) {
    }

    private final List<KeyColumn> columns;
    private final Collator collator;

    KeyOrder(List<KeyColumn> columns) {
        this.columns = List.copyOf(columns);
        this.collator = Collator.getInstance(Locale.ROOT);
        collator.setStrength(Collator.PRIMARY);
    }

    /** The comparison for a column from {@code information_schema.columns} data_type and collation_name. */
    static KeyColumn column(String dataType, String collation) {
        String type = dataType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year" -> new KeyColumn(ColumnKind.INTEGER, false);
            case "decimal", "numeric", "float", "double", "real" -> new KeyColumn(ColumnKind.NUMBER, false);
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> textColumn(collation);
            default -> new KeyColumn(ColumnKind.BYTES, false);
        };
    }

    private static KeyColumn textColumn(String collation) {
        String name = collation == null ? "" : collation.toLowerCase(Locale.ROOT);
        // MySQL 8's UCA 9.0.0 collations and MariaDB's _nopad_ ones are NO PAD; all others are PAD SPACE.
        boolean padSpace = !name.contains("_0900_") && !name.contains("nopad");
        if (name.isEmpty() || name.equals("binary")) {
            return new KeyColumn(ColumnKind.BYTES, false);
        }
        return new KeyColumn(name.endsWith("_bin") ? ColumnKind.BINARY_TEXT : ColumnKind.COLLATED_TEXT, padSpace);
    }

    @Override
    public int compare(List<SqlValue> left, List<SqlValue> right) {
        for (int index = 0; index < left.size(); index++) {
            KeyColumn column = index < columns.size() ? columns.get(index) : new KeyColumn(ColumnKind.BYTES, false);
            int result = compare(column, left.get(index), right.get(index));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private int compare(KeyColumn column, SqlValue left, SqlValue right) {
        if (left.isNull() || right.isNull()) {
            return Boolean.compare(!left.isNull(), !right.isNull());
        }
        return switch (column.kind()) {
            case INTEGER -> compareIntegers(left.text(), right.text());
            case NUMBER -> new BigDecimal(left.text().trim()).compareTo(new BigDecimal(right.text().trim()));
            case BYTES -> Arrays.compareUnsigned(left.raw(), right.raw());
            case BINARY_TEXT -> Arrays.compareUnsigned(padded(column, left), padded(column, right));
            case COLLATED_TEXT -> {
                byte[] leftBytes = padded(column, left);
                byte[] rightBytes = padded(column, right);
                int result = collator.compare(new String(leftBytes, StandardCharsets.UTF_8), new String(rightBytes, StandardCharsets.UTF_8));
                yield result != 0 ? result : Arrays.compareUnsigned(leftBytes, rightBytes);
            }
        };
    }

    private static int compareIntegers(String left, String right) {
        if (left.length() < 19 && right.length() < 19) {
            return Long.compare(Long.parseLong(left), Long.parseLong(right));
        }
        return new BigInteger(left).compareTo(new BigInteger(right));
    }

    private static byte[] padded(KeyColumn column, SqlValue value) {
        byte[] bytes = value.raw();
        if (!column.padSpace()) {
            return bytes;
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == ' ') {
            end--;
        }
        return end == bytes.length ? bytes : Arrays.copyOf(bytes, end);
    }
}
