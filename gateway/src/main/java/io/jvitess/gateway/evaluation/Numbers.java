package io.jvitess.gateway.evaluation;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads SQL values as numbers the way MySQL does (strings by their numeric prefix). */
public final class Numbers {

    private Numbers() {
    }

    /** The exact value of an integral, decimal, hex or bit value; strings and floats via their text. */
    public static BigDecimal toDecimal(SqlValue value) {
        Type type = value.type();
        if (type == Type.HEXNUM) {
            return new BigDecimal(new BigInteger(value.text().substring(2), 16));
        }
        if (type == Type.BITNUM) {
            return new BigDecimal(new BigInteger(value.text().substring(2, value.length() - 1), 2));
        }
        if (type == Type.BIT || type == Type.HEXVAL) {
            return new BigDecimal(new BigInteger(1, value.toBytes()));
        }
        if (SqlTypes.isIntegral(type) || SqlTypes.isDecimal(type)) {
            try {
                return new BigDecimal(value.text().trim());
            } catch (NumberFormatException malformed) {
                return BigDecimal.valueOf(toDouble(value));
            }
        }
        double parsed = toDouble(value);
        if (Double.isInfinite(parsed) || Double.isNaN(parsed)) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(Double.toString(parsed));
    }

    /** MySQL's string-to-number conversion: the longest numeric prefix, 0 if there is none. */
    public static double toDouble(SqlValue value) {
        Type type = value.type();
        if (type == Type.HEXNUM || type == Type.BITNUM || type == Type.BIT || type == Type.HEXVAL) {
            return toDecimal(value).doubleValue();
        }
        return parsePrefix(new String(value.raw(), StandardCharsets.UTF_8));
    }

    static double parsePrefix(String text) {
        String trimmed = text.strip();
        int end = 0;
        int length = trimmed.length();
        if (end < length && (trimmed.charAt(end) == '+' || trimmed.charAt(end) == '-')) {
            end++;
        }
        boolean digits = false;
        while (end < length && Character.isDigit(trimmed.charAt(end))) {
            end++;
            digits = true;
        }
        if (end < length && trimmed.charAt(end) == '.') {
            end++;
            while (end < length && Character.isDigit(trimmed.charAt(end))) {
                end++;
                digits = true;
            }
        }
        if (!digits) {
            return 0;
        }
        if (end < length && (trimmed.charAt(end) == 'e' || trimmed.charAt(end) == 'E')) {
            int exponent = end + 1;
            if (exponent < length && (trimmed.charAt(exponent) == '+' || trimmed.charAt(exponent) == '-')) {
                exponent++;
            }
            int exponentDigits = exponent;
            while (exponentDigits < length && Character.isDigit(trimmed.charAt(exponentDigits))) {
                exponentDigits++;
            }
            if (exponentDigits > exponent) {
                end = exponentDigits;
            }
        }
        try {
            return Double.parseDouble(trimmed.substring(0, end));
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }

    /** The value for an integral hex literal printed back in decimal, e.g. for vindex input. */
    public static String hexText(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
