package io.jvitess.tablet.mysql;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Pattern;

/**
 * Turns errors from mysqld into {@link VtException}s worded like Vitess's tablet errors:
 * {@code <mysql message> (errno N) (sqlstate S) (CallerID: u): Sql: "...", BindVars: {}}, so the
 * MySQL error number reaches the application unchanged.
 */
public final class MysqlErrors {

    private static final Pattern DRIVER_PREFIX = Pattern.compile("^\\(conn=\\d+\\) ");

    private MysqlErrors() {
    }

    public static VtException fromSql(SQLException error, String sql, String callerId) {
        if (error instanceof SQLTransientConnectionException || error.getErrorCode() == 0) {
            return VtException.of(VtCode.UNAVAILABLE, "mysql unavailable: %s", message(error));
        }
        SqlState state = new SqlState(error.getErrorCode(), sqlStateOf(error));
        String text = String.format("%s (errno %d) (sqlstate %s) (CallerID: %s): Sql: \"%s\", BindVars: {}",
                message(error), state.errno(), state.sqlState(), callerId, truncate(sql));
        return new VtException(codeFor(state.errno()), state, text, error);
    }

    private static String message(SQLException error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        return DRIVER_PREFIX.matcher(message).replaceFirst("");
    }

    private static String sqlStateOf(SQLException error) {
        String state = error.getSQLState();
        return state == null || state.length() != 5 ? "HY000" : state;
    }

    private static String truncate(String sql) {
        return sql.length() > 512 ? sql.substring(0, 512) + " [TRUNCATED]" : sql;
    }

    /** Vitess's mapping from MySQL error numbers to canonical codes (go/mysql/sqlerror). */
    static VtCode codeFor(int errno) {
        return switch (errno) {
            case 1062, 1007, 1050 -> VtCode.ALREADY_EXISTS;
            case 1146, 1049, 1091 -> VtCode.NOT_FOUND;
            case 1064, 1054, 1136, 1048, 1366, 1406, 1264, 1292, 1265, 1109 -> VtCode.INVALID_ARGUMENT;
            case 1205, 1213 -> VtCode.ABORTED;
            case 1317 -> VtCode.CANCELED;
            case 3024 -> VtCode.DEADLINE_EXCEEDED;
            case 1290, 1836 -> VtCode.FAILED_PRECONDITION;
            case 1044, 1045, 1142, 1143, 1227 -> VtCode.PERMISSION_DENIED;
            case 2006, 2013, 1040, 1053 -> VtCode.UNAVAILABLE;
            default -> VtCode.UNKNOWN;
        };
    }
}
