package io.jvitess.tablet.sequence;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.tablet.mysql.MysqlConnector;
import io.jvitess.tablet.mysql.MysqlErrors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import static java.util.Objects.requireNonNull;

/** The MySQL side of sequences: which tables are sequences, and the locked read-and-advance of a table's row. */
final class SequenceTables {

    private static final String SEQUENCE_COMMENT = "vitess_sequence";
    private static final String COMMENT_QUERY =
            "select table_comment from information_schema.tables where table_schema = ? and table_name = ?";

    private final MysqlConnector mysql;

    SequenceTables(MysqlConnector mysql) {
        this.mysql = requireNonNull(mysql, "mysql is null");
    }

    /** True if the table exists in the tablet's database and its comment marks it as a sequence. */
    boolean isSequence(String table, String callerId) {
        Connection connection = mysql.app();
        try (PreparedStatement statement = connection.prepareStatement(COMMENT_QUERY)) {
            statement.setString(1, mysql.databaseName());
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                // Case-sensitive, like Vitess's schema engine.
                return result.next() && result.getString(1) != null && result.getString(1).contains(SEQUENCE_COMMENT);
            }
        } catch (SQLException e) {
            throw MysqlErrors.fromSql(e, COMMENT_QUERY, callerId);
        } finally {
            MysqlConnector.closeQuietly(connection);
        }
    }

    /**
     * In one transaction of its own: locks and reads the row {@code id = 0}, asks {@code advance} for the
     * new next_id (it may throw to abort), writes it and commits. Returns the value written.
     */
    long refill(NextValuesRequest request, ToLongFunction<SequenceRow> advance, String callerId) {
        String table = quote(request.table());
        String select = "select next_id, cache from " + table + " where id = 0 for update";
        Connection connection = mysql.app();
        String current = "begin";
        try {
            connection.setAutoCommit(false);
            current = select;
            SequenceRow row = readRow(connection, select, request.displayName());
            long newNextId = advance.applyAsLong(row);
            current = "update " + table + " set next_id = " + newNextId + " where id = 0";
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(current);
            }
            current = "commit";
            connection.commit();
            return newNextId;
        } catch (SQLException e) {
            throw MysqlErrors.fromSql(e, current, callerId);
        } finally {
            release(connection);
        }
    }

    private static SequenceRow readRow(Connection connection, String select, String displayName) throws SQLException {
        List<SequenceRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(select)) {
            while (result.next()) {
                long nextId = result.getLong(1);
                boolean nextIdNull = result.wasNull();
                long cache = result.getLong(2);
                if (nextIdNull || result.wasNull()) {
                    throw VtException.of(VtCode.INVALID_ARGUMENT, "error loading sequence %s: next_id and cache must not be NULL", displayName);
                }
                rows.add(new SequenceRow(nextId, cache));
            }
        }
        if (rows.size() != 1) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "unexpected rows from reading sequence %s (possible mis-route): %d",
                    displayName, rows.size());
        }
        return rows.getFirst();
    }

    /** Rolls back whatever did not commit and returns the connection to the pool in autocommit mode. */
    private static void release(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // the pool validates connections and drops broken ones
        } finally {
            MysqlConnector.closeQuietly(connection);
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
