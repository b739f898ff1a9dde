package io.jvitess.gateway.evaluation;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * MySQL's comparison rules for two non-NULL values: numbers numerically, a number against a
 * string as doubles, strings with a collation, byte strings byte by byte.
 */
public final class Comparisons {

    private Comparisons() {
    }

    /** Orders two values; NULL sorts first, as in MySQL's ascending ORDER BY. */
    public static int compare(SqlValue left, SqlValue right, Collation collation) {
        if (left.isNull() || right.isNull()) {
            return Boolean.compare(!left.isNull(), !right.isNull());
        }
        Type leftType = left.type();
        Type rightType = right.type();
        boolean leftNumber = SqlTypes.isNumber(leftType);
        boolean rightNumber = SqlTypes.isNumber(rightType);
        if (leftNumber && rightNumber) {
            return compareNumbers(left, right);
        }
        if (leftNumber || rightNumber) {
            if (SqlTypes.isTemporal(leftType) || SqlTypes.isTemporal(rightType)) {
                return compareNumbers(asNumber(left), asNumber(right));
            }
            return Double.compare(Numbers.toDouble(left), Numbers.toDouble(right));
        }
        if (SqlTypes.isBinary(leftType) || SqlTypes.isBinary(rightType) || SqlTypes.isTemporal(leftType) || SqlTypes.isTemporal(rightType)) {
            boolean hexLiteral = leftType == Type.HEXNUM || leftType == Type.HEXVAL || rightType == Type.HEXNUM || rightType == Type.HEXVAL;
            return hexLiteral
                    ? Arrays.compareUnsigned(left.toBytes(), right.toBytes())
                    : left.compareBytes(right);
        }
        return collation.compare(left.raw(), right.raw());
    }

    /** SQL equality: null if either side is NULL. */
    public static Boolean equal(SqlValue left, SqlValue right, Collation collation) {
        if (left.isNull() || right.isNull()) {
            return null;
        }
        return compare(left, right, collation) == 0;
    }

    /**
     * A key that is equal for values that compare equal, for hash grouping and DISTINCT:
     * numbers by value, strings by collation key, NULLs together.
     */
    public static Object groupingKey(SqlValue value, Collation collation) {
        if (value.isNull()) {
            return NullKey.INSTANCE;
        }
        Type type = value.type();
        if (SqlTypes.isFloat(type)) {
            return Numbers.toDouble(value);
        }
        if (SqlTypes.isNumber(type)) {
            BigDecimal decimal = Numbers.toDecimal(value);
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        if (SqlTypes.isBinary(type) || SqlTypes.isTemporal(type)) {
            return new BytesKey(value.toBytes());
        }
        return collation.key(value.raw());
    }

    private static int compareNumbers(SqlValue left, SqlValue right) {
        if (SqlTypes.isFloat(left.type()) || SqlTypes.isFloat(right.type())) {
            return Double.compare(Numbers.toDouble(left), Numbers.toDouble(right));
        }
        if (left.isIntegral() && right.isIntegral()) {
            java.util.OptionalLong leftLong = left.longValueIfSmall();
            java.util.OptionalLong rightLong = right.longValueIfSmall();
            if (leftLong.isPresent() && rightLong.isPresent()) {
                return Long.compare(leftLong.getAsLong(), rightLong.getAsLong());
            }
        }
        if (SqlTypes.isSigned(left.type()) && SqlTypes.isSigned(right.type())) {
            try {
                return Long.compare(Long.parseLong(left.text()), Long.parseLong(right.text()));
            } catch (NumberFormatException notLong) {
                // fall through to exact comparison
            }
        }
        return Numbers.toDecimal(left).compareTo(Numbers.toDecimal(right));
    }

    /** A DATE/DATETIME as the number MySQL compares it with (20200102 or 20200102030405). */
    private static SqlValue asNumber(SqlValue value) {
        if (!SqlTypes.isTemporal(value.type())) {
            return value;
        }
        String digits = value.text().replaceAll("[^0-9.]", "");
        return SqlValue.of(Type.DECIMAL, digits.isEmpty() ? "0" : digits);
    }

    private enum NullKey { INSTANCE }

    private record BytesKey(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof BytesKey that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
