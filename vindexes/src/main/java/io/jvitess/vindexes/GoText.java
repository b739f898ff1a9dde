package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Go's text forms that appear inside Vitess error messages: {@code %q} quoting and {@code sqltypes.Value.String()}. */
final class GoText {

    private GoText() {
    }

    /** Go's {@code %q} of a string: printable runes as-is, invalid UTF-8 bytes as {@code \xNN}. */
    static String quote(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 2).append('"');
        int index = 0;
        while (index < bytes.length) {
            int length = validSequenceLength(bytes, index);
            if (length == 0) {
                out.append(String.format("\\x%02x", bytes[index] & 0xff));
                index++;
                continue;
            }
            int codePoint = new String(bytes, index, length, StandardCharsets.UTF_8).codePointAt(0);
            appendRune(out, codePoint);
            index += length;
        }
        return out.append('"').toString();
    }

    static String quote(String text) {
        return quote(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Go's {@code sqltypes.Value.String()}: {@code INT64(1)}, {@code VARCHAR("a")}, {@code NULL}. */
    static String describe(SqlValue value) {
        if (value.isNull()) {
            return "NULL";
        }
        String type = value.type().name();
        return isUnquoted(value) ? type + "(" + value.text() + ")" : type + "(" + quote(value.raw()) + ")";
    }

    static boolean isValidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException invalid) {
            return false;
        }
    }

    private static boolean isUnquoted(SqlValue value) {
        return value.isIntegral() || switch (value.type()) {
            case FLOAT32, FLOAT64, DECIMAL -> true;
            default -> false;
        };
    }

    private static void appendRune(StringBuilder out, int codePoint) {
        switch (codePoint) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0b -> out.append("\\v");
            default -> {
                if (isPrintable(codePoint)) {
                    out.appendCodePoint(codePoint);
                } else if (codePoint < ' ' || codePoint == 0x7f) {
                    out.append(String.format("\\x%02x", codePoint));
                } else if (codePoint < 0x10000) {
                    out.append(String.format("\\u%04x", codePoint));
                } else {
                    out.append(String.format("\\U%08x", codePoint));
                }
            }
        }
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrintable(int codePoint) {
        if (codePoint == ' ') {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Length of the well-formed UTF-8 sequence at {@code index}, or 0 if the byte there starts none. */
    private static int validSequenceLength(byte[] bytes, int index) {
        int lead = bytes[index] & 0xff;
        int length;
        if (lead < 0x80) {
            return 1;
        } else if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
        } else {
            return 0;
        }
        if (index + length > bytes.length) {
            return 0;
        }
        byte[] sequence = java.util.Arrays.copyOfRange(bytes, index, index + length);
        return isValidUtf8(sequence) ? length : 0;
    }
}
