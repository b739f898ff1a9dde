package io.jvitess.gateway.evaluation;

import io.jvitess.common.sqltypes.SqlValue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints values as SQL literals for the statements vtgate sends to tablets (which take plain
 * SQL): numbers as they are, strings quoted and escaped, byte strings in hex.
 */
public final class SqlLiterals {

    private SqlLiterals() {
    }

    public static String format(SqlValue value) {
        if (value.isNull()) {
            return "null";
        }
        return switch (value.type()) {
            case INT8, INT16, INT24, INT32, INT64, UINT8, UINT16, UINT24, UINT32, UINT64, YEAR, FLOAT32, FLOAT64, DECIMAL,
                 HEXNUM, BITNUM -> value.text();
            case HEXVAL -> value.text();
            case BIT, VARBINARY, BINARY, BLOB, GEOMETRY -> binary(value.raw());
            default -> quote(value.raw());
        };
    }

    /** A parenthesised list, {@code (null)} when empty so that {@code x in (null)} stays valid SQL. */
    public static String formatList(List<SqlValue> values) {
        if (values.isEmpty()) {
            return "(null)";
        }
        return values.stream().map(SqlLiterals::format).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String binary(byte[] bytes) {
        if (bytes.length == 0) {
            return "''";
        }
        if (isPrintableUtf8(bytes)) {
            return "_binary" + quote(bytes);
        }
        return "x'" + HexFormat.of().formatHex(bytes) + "'";
    }

    private static boolean isPrintableUtf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.chars().noneMatch(character -> character < 0x20 && character != '\t' && character != '\n' && character != '\r');
        } catch (CharacterCodingException notText) {
            return false;
        }
    }

    private static String quote(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('\'');
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '\'' -> quoted.append("\\'");
                case '\\' -> quoted.append("\\\\");
                case '\0' -> quoted.append("\\0");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\032' -> quoted.append("\\Z");
                default -> quoted.append(character);
            }
        }
        return quoted.append('\'').toString();
    }
}
