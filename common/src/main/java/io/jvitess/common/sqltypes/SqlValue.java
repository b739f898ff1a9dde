package io.jvitess.common.sqltypes;

import com.google.protobuf.ByteString;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.Type;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * One SQL value as Vitess carries it: a type and the value's bytes in MySQL's text form (numbers
 * as decimal text, strings as their bytes). NULL has type NULL_TYPE and no bytes.
 */
public record SqlValue(Type type, byte[] raw) {

    public static final SqlValue NULL = new SqlValue(Type.NULL_TYPE, new byte[0]);

    public SqlValue {
        requireNonNull(type, "type is null");
        requireNonNull(raw, "raw is null");
        raw = raw.clone();
    }

    public static SqlValue ofLong(long value) {
        return new SqlValue(Type.INT64, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    public static SqlValue ofUnsignedLong(long value) {
        return new SqlValue(Type.UINT64, Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII));
    }

    public static SqlValue ofString(String value) {
        return new SqlValue(Type.VARCHAR, value.getBytes(StandardCharsets.UTF_8));
    }

    public static SqlValue ofBytes(byte[] value) {
        return new SqlValue(Type.VARBINARY, value);
    }

    public static SqlValue of(Type type, String text) {
        return new SqlValue(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isNull() {
        return type == Type.NULL_TYPE;
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    public String text() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    public int length() {
        return raw.length;
    }

    public boolean isSigned() {
        return switch (type) {
            case INT8, INT16, INT24, INT32, INT64 -> true;
            default -> false;
        };
    }

    public boolean isUnsigned() {
        return switch (type) {
            case UINT8, UINT16, UINT24, UINT32, UINT64, YEAR -> true;
            default -> false;
        };
    }

    /** Longest digit string that always fits a long, so the fast parse needs no overflow check. */
    private static final int SAFE_LONG_DIGITS = 18;

    /**
     * The value as a long when its text is a plain decimal integer of up to 18 digits (optionally negative),
     * read straight from the bytes; empty otherwise (callers fall back to exact arithmetic). Merge-sorting
     * shard results compares integers millions of times, so this avoids a String per comparison.
     */
    public java.util.OptionalLong longValueIfSmall() {
        int index = raw.length > 0 && raw[0] == '-' ? 1 : 0;
        int digits = raw.length - index;
        if (digits == 0 || digits > SAFE_LONG_DIGITS) {
            return java.util.OptionalLong.empty();
        }
        long result = 0;
        for (int position = index; position < raw.length; position++) {
            int digit = raw[position] - '0';
            if (digit < 0 || digit > 9) {
                return java.util.OptionalLong.empty();
            }
            result = result * 10 + digit;
        }
        return java.util.OptionalLong.of(index == 1 ? -result : result);
    }

    /** Unsigned byte-wise order of the two values' bytes (binary collation), without copying them. */
    public int compareBytes(SqlValue other) {
        return java.util.Arrays.compareUnsigned(raw, other.raw);
    }

    public boolean isIntegral() {
        return isSigned() || isUnsigned();
    }

    public boolean isText() {
        return switch (type) {
            case VARCHAR, CHAR, TEXT, VARBINARY, BINARY, BLOB -> true;
            default -> false;
        };
    }

    /** Vitess's ToBytes: hex literals decoded, everything else its raw bytes, NULL empty. */
    public byte[] toBytes() {
        if (type == Type.HEXNUM) {
            String digits = text().substring(2);
            return HexFormat.of().parseHex(digits.length() % 2 == 0 ? digits : "0" + digits);
        }
        if (type == Type.HEXVAL) {
            String text = text();
            return HexFormat.of().parseHex(text.substring(2, text.length() - 1));
        }
        return raw();
    }

    /** The value as a signed 64-bit integer, parsing its text (for integral types and digit strings). */
    public long toLong() {
        return Long.parseLong(text().trim());
    }

    public BigInteger toBigInteger() {
        return new BigInteger(text().trim());
    }

    public BindVariable toBindVariable() {
        return BindVariable.newBuilder().setType(type).setValue(ByteString.copyFrom(raw)).build();
    }

    public static SqlValue fromBindVariable(BindVariable variable) {
        return new SqlValue(variable.getType(), variable.getValue().toByteArray());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SqlValue value && value.type == type && Arrays.equals(value.raw, raw);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return isNull() ? "NULL" : type + "(" + text() + ")";
    }
}
