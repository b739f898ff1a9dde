package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;

import java.math.BigInteger;

/** Vitess's sqltypes conversions that vindexes rely on, with the error texts Vitess returns. */
final class ValueConversions {

    private static final long MAX_UNSIGNED_DIVIDED_BY_TEN = Long.divideUnsigned(-1L, 10);

    private ValueConversions() {
    }

    /** ToBytes: hex and bit literals decoded, numbers as decimal text, NULL as no bytes. */
    static byte[] toBytes(SqlValue value) {
        try {
            if (value.type() == Type.BITNUM) {
                return bitNumBytes(value.text());
            }
            return value.toBytes();
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException malformed) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid literal %s: %s", GoText.describe(value), malformed.getMessage());
        }
    }

    /**
     * ToCastUint64 (Vitess fastparse, base 10): ASCII whitespace around the digits is allowed, a sign is not,
     * overflow and trailing text are errors. Returns the unsigned value in a long.
     */
    static long toCastUint64(SqlValue value) {
        String text = value.text();
        if (text.isEmpty()) {
            throw conversionError("cannot parse uint64 from empty string");
        }
        int index = 0;
        while (index < text.length() && isSpace(text.charAt(index))) {
            index++;
        }
        int firstDigit = index;
        long result = 0;
        while (index < text.length() && text.charAt(index) >= '0' && text.charAt(index) <= '9') {
            int digit = text.charAt(index) - '0';
            if (Long.compareUnsigned(result, MAX_UNSIGNED_DIVIDED_BY_TEN) > 0) {
                throw conversionError("cannot parse uint64 from %s: overflow", GoText.quote(text));
            }
            long shifted = result * 10;
            long next = shifted + digit;
            if (Long.compareUnsigned(next, shifted) < 0) {
                throw conversionError("cannot parse uint64 from %s: overflow", GoText.quote(text));
            }
            result = next;
            index++;
        }
        if (index == firstDigit) {
            throw conversionError("cannot parse uint64 from %s", GoText.quote(text));
        }
        while (index < text.length() && isSpace(text.charAt(index))) {
            index++;
        }
        if (index < text.length()) {
            throw conversionError("unparsed tail left after parsing uint64 from %s: %s", GoText.quote(text), GoText.quote(text.substring(index)));
        }
        return result;
    }

    /**
     * The 64-bit number {@code hash} and {@code region_experimental} encrypt: signed SQL types are parsed as
     * int64 and reinterpreted as two's complement (-1 is 0xffffffffffffffff), everything else is ToCastUint64.
     */
    static long toHashNumber(SqlValue value) {
        if (!value.isSigned()) {
            return toCastUint64(value);
        }
        try {
            return Long.parseLong(value.text());
        } catch (NumberFormatException invalid) {
            throw conversionError("strconv.ParseInt: parsing %s: invalid syntax", GoText.quote(value.text()));
        }
    }

    private static byte[] bitNumBytes(String text) {
        byte[] magnitude = new BigInteger(text.substring(2), 2).toByteArray();
        int bytes = (text.length() - 2 + 7) / 8;
        byte[] result = new byte[bytes];
        int copy = Math.min(bytes, magnitude.length);
        System.arraycopy(magnitude, magnitude.length - copy, result, bytes - copy, copy);
        return result;
    }

    private static boolean isSpace(char character) {
        return character == ' ' || (character >= '\t' && character <= '\r');
    }

    private static VtException conversionError(String format, Object... arguments) {
        return VtException.of(VtCode.INVALID_ARGUMENT, format, arguments);
    }
}
