package io.jvitess.tablet.vreplication;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.tablet.vstreamer.RowChange;
import io.jvitess.tablet.vstreamer.SqlBinding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes source rows into the target database on one connection, inside the caller's transaction:
 * batches of copied rows as multi-row inserts, binlog changes keyed by the target table's primary key.
 */
final class RowApplier {

    private final Connection connection;
    private final String database;
    private final Map<String, List<String>> primaryKeys = new HashMap<>();

    RowApplier(Connection connection, String database) {
        this.connection = requireNonNull(connection, "connection is null");
        this.database = requireNonNull(database, "database is null");
    }

    List<String> primaryKey(String table) throws SQLException {
        List<String> cached = primaryKeys.get(table);
        if (cached != null) {
            return cached;
        }
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name FROM information_schema.key_column_usage "
                + "WHERE table_schema = ? AND table_name = ? AND constraint_name = 'PRIMARY' ORDER BY ordinal_position")) {
            statement.setString(1, database);
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1));
                }
            }
        }
        if (columns.isEmpty()) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "target table %s.%s does not exist or has no primary key", database, table);
        }
        primaryKeys.put(table, List.copyOf(columns));
        return primaryKeys.get(table);
    }

    void insert(String table, List<String> columns, List<List<SqlValue>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String placeholders = "(" + String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(qualified(table)).append(" (")
                .append(String.join(", ", columns.stream().map(RowApplier::quote).toList())).append(") VALUES ");
        for (int index = 0; index < rows.size(); index++) {
            sql.append(index == 0 ? "" : ", ").append(placeholders);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int parameter = 1;
            for (List<SqlValue> row : rows) {
                for (SqlValue value : row) {
                    SqlBinding.bind(statement, parameter++, value);
                }
            }
            statement.executeUpdate();
        }
    }

    void apply(RowChange change) throws SQLException {
        switch (change.kind()) {
            case INSERT -> insert(change.table(), change.columns(), List.of(change.after().orElseThrow()));
            case UPDATE -> update(change);
            case DELETE -> delete(change);
        }
    }

    private void update(RowChange change) throws SQLException {
        List<String> key = primaryKey(change.table());
        StringBuilder sql = new StringBuilder("UPDATE ").append(qualified(change.table())).append(" SET ")
                .append(String.join(", ", change.columns().stream().map(column -> quote(column) + " = ?").toList()))
                .append(whereKey(key));
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            List<SqlValue> after = change.after().orElseThrow();
            int parameter = 1;
            for (SqlValue value : after) {
                SqlBinding.bind(statement, parameter++, value);
            }
            bindKey(statement, parameter, key, change.columns(), change.before().orElseThrow());
            statement.executeUpdate();
        }
    }

    private void delete(RowChange change) throws SQLException {
        List<String> key = primaryKey(change.table());
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + qualified(change.table()) + whereKey(key))) {
            bindKey(statement, 1, key, change.columns(), change.before().orElseThrow());
            statement.executeUpdate();
        }
    }

    private static String whereKey(List<String> key) {
        return " WHERE " + String.join(" AND ", key.stream().map(column -> quote(column) + " = ?").toList());
    }

    private static void bindKey(PreparedStatement statement, int first, List<String> key, List<String> columns, List<SqlValue> row)
            throws SQLException {
        int parameter = first;
        for (String column : key) {
            int index = columns.indexOf(column);
            if (index < 0) {
                throw VtException.of(VtCode.FAILED_PRECONDITION, "source row has no primary key column %s", column);
            }
            SqlBinding.bind(statement, parameter++, row.get(index));
        }
    }

    private String qualified(String table) {
        return quote(database) + "." + quote(table);
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
