package io.jvitess.gateway.evaluation;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * MySQL arithmetic on two values: integers stay integers (unsigned if either side is),
 * decimals keep their scale ({@code /} adds div_precision_increment = 4 digits), anything
 * involving a float or a string is done in double. NULL in, NULL out; x / 0 is NULL.
 */
public final class Arithmetic {

    private static final int DIVISION_PRECISION_INCREMENT = 4;
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Arithmetic() {
    }

    public static SqlValue apply(ArithmeticOperator operator, SqlValue left, SqlValue right) {
        if (left.isNull() || right.isNull()) {
            return SqlValue.NULL;
        }
        Type leftType = left.type();
        Type rightType = right.type();
        boolean exact = isExact(leftType) && isExact(rightType);
        if (!exact) {
            return floating(operator, Numbers.toDouble(left), Numbers.toDouble(right));
        }
        BigDecimal leftValue = Numbers.toDecimal(left);
        BigDecimal rightValue = Numbers.toDecimal(right);
        boolean integral = isIntegral(leftType) && isIntegral(rightType);
        boolean unsigned = SqlTypes.isUnsigned(leftType) || SqlTypes.isUnsigned(rightType);
        return switch (operator) {
            case ADD -> exactResult(leftValue.add(rightValue), integral, unsigned);
            case SUBTRACT -> exactResult(leftValue.subtract(rightValue), integral, unsigned);
            case MULTIPLY -> exactResult(leftValue.multiply(rightValue), integral, unsigned);
            case DIVIDE -> {
                if (rightValue.signum() == 0) {
                    yield SqlValue.NULL;
                }
                int scale = Math.max(0, leftValue.scale()) + DIVISION_PRECISION_INCREMENT;
                yield decimal(leftValue.divide(rightValue, scale, RoundingMode.HALF_UP));
            }
            case INTEGER_DIVIDE -> {
                if (rightValue.signum() == 0) {
                    yield SqlValue.NULL;
                }
                yield exactResult(new BigDecimal(leftValue.divide(rightValue, 0, RoundingMode.DOWN).toBigInteger()), true, unsigned);
            }
            case MODULO -> {
                if (rightValue.signum() == 0) {
                    yield SqlValue.NULL;
                }
                yield exactResult(leftValue.remainder(rightValue), integral, unsigned);
            }
        };
    }

    public static SqlValue negate(SqlValue value) {
        if (value.isNull()) {
            return value;
        }
        if (!isExact(value.type())) {
            return floating(ArithmeticOperator.SUBTRACT, 0, Numbers.toDouble(value));
        }
        return exactResult(Numbers.toDecimal(value).negate(), isIntegral(value.type()), false);
    }

    /** Formats a double as MySQL prints it: no trailing ".0", exponent only for extreme magnitudes. */
    public static SqlValue ofDouble(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return SqlValue.NULL;
        }
        double magnitude = Math.abs(value);
        String text;
        if (value == 0) {
            text = "0";
        } else if (magnitude >= 1e-6 && magnitude < 1e15) {
            text = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        } else {
            text = Double.toString(value).replace("E", "e");
        }
        return SqlValue.of(Type.FLOAT64, text);
    }

    public static SqlValue decimal(BigDecimal value) {
        return SqlValue.of(Type.DECIMAL, value.toPlainString());
    }

    private static SqlValue floating(ArithmeticOperator operator, double left, double right) {
        return switch (operator) {
            case ADD -> ofDouble(left + right);
            case SUBTRACT -> ofDouble(left - right);
            case MULTIPLY -> ofDouble(left * right);
            case DIVIDE -> right == 0 ? SqlValue.NULL : ofDouble(left / right);
            case INTEGER_DIVIDE -> right == 0 ? SqlValue.NULL : SqlValue.ofLong((long) (left / right));
            case MODULO -> right == 0 ? SqlValue.NULL : ofDouble(left % right);
        };
    }

    private static SqlValue exactResult(BigDecimal result, boolean integral, boolean unsigned) {
        if (!integral) {
            return decimal(result);
        }
        BigInteger whole = result.toBigIntegerExact();
        if (unsigned && whole.signum() >= 0 && whole.compareTo(UINT64_MAX) <= 0) {
            return SqlValue.of(Type.UINT64, whole.toString());
        }
        if (whole.compareTo(INT64_MIN) >= 0 && whole.compareTo(INT64_MAX) <= 0) {
            return SqlValue.of(Type.INT64, whole.toString());
        }
        return decimal(result);
    }

    private static boolean isExact(Type type) {
        return SqlTypes.isIntegral(type) || SqlTypes.isDecimal(type) || type == Type.HEXNUM || type == Type.BITNUM || type == Type.BIT;
    }

    private static boolean isIntegral(Type type) {
        return SqlTypes.isIntegral(type) || type == Type.HEXNUM || type == Type.BITNUM || type == Type.BIT;
    }
}
