package io.jvitess.gateway.server.prepared;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.SqlLiterals;
import io.jvitess.proto.query.Type;

import java.util.regex.Pattern;

/**
 * Prepared statement parameters as SQL literals. {@link SqlLiterals} prints numeric types as their
 * text unquoted, which is only safe for text that is a number: integers decoded from the binary
 * protocol always are, but a DECIMAL is whatever string the client sent and a float may be NaN.
 */
final class ParameterLiterals {

    static final SqlState WRONG_ARGUMENTS = new SqlState(1210, "HY000");

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private ParameterLiterals() {
    }

    static String format(SqlValue value) {
        return switch (value.type()) {
            case INT8, INT16, INT24, INT32, INT64, UINT8, UINT16, UINT24, UINT32, UINT64, YEAR, FLOAT32, FLOAT64 -> {
                if (!isNumber(value)) {
                    throw VtException.of(VtCode.INVALID_ARGUMENT, WRONG_ARGUMENTS,
                            "Incorrect arguments to mysqld_stmt_execute: %s is not a number MySQL can store", value.text());
                }
                yield value.text();
            }
            // MySQL converts a string to DECIMAL where the context needs one, so other text goes on as a string.
            case DECIMAL -> isNumber(value) ? value.text() : SqlLiterals.format(new SqlValue(Type.VARCHAR, value.raw()));
            default -> SqlLiterals.format(value);
        };
    }

    private static boolean isNumber(SqlValue value) {
        return NUMBER.matcher(value.text()).matches();
    }
}
