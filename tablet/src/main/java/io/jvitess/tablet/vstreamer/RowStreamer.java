package io.jvitess.tablet.vstreamer;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;
import io.jvitess.tablet.replication.GtidPosition;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads source tables for the copy phase inside one consistent snapshot whose GTID position is known,
 * so rows read here plus binlog events after {@link #position()} give exactly the source's state.
 * <p>
 * MariaDB: {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} fixes {@code binlog_snapshot_file/position}
 * (status variables consistent with the snapshot, no lock needed) and {@code BINLOG_GTID_POS} turns that
 * binlog coordinate into the GTID position. MySQL: a second connection holds
 * {@code FLUSH TABLES WITH READ LOCK} while the snapshot starts and {@code gtid_executed} is read.
 */
public final class RowStreamer implements AutoCloseable {

    private final SourceEndpoint source;
    private final Connection connection;
    private final GtidPosition position;

    private RowStreamer(SourceEndpoint source, Connection connection, GtidPosition position) {
        this.source = source;
        this.connection = connection;
        this.position = position;
    }

    public static RowStreamer open(SourceEndpoint source) {
        requireNonNull(source, "source is null");
        Connection connection = null;
        try {
            connection = DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password());
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET time_zone = '+00:00'");
                statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            connection.setAutoCommit(false);
            GtidPosition position = isMariaDb(connection) ? mariaDbSnapshot(connection) : mySqlSnapshot(source, connection);
            return new RowStreamer(source, connection, position);
        } catch (SQLException e) {
            if (connection != null) {
                closeQuietly(connection);
            }
            throw VtException.of(VtCode.UNAVAILABLE, "cannot open a consistent snapshot on %s:%d: %s",
                    source.host(), source.port(), e.getMessage());
        }
    }

    private static boolean isMariaDb(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT @@version")) {
            result.next();
            return result.getString(1).contains("MariaDB");
        }
    }

    private static GtidPosition mariaDbSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            String file = null;
            long offset = -1;
            try (ResultSet result = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
                while (result.next()) {
                    switch (result.getString(1).toLowerCase()) {
                        case "binlog_snapshot_file" -> file = result.getString(2);
                        case "binlog_snapshot_position" -> offset = result.getLong(2);
                        default -> { }
                    }
                }
            }
            if (file == null || file.isEmpty() || offset < 0) {
                throw new SQLException("binlog_snapshot_file/position are not available: is binary logging on?");
            }
            try (PreparedStatement gtid = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
                gtid.setString(1, file);
                gtid.setLong(2, offset);
                try (ResultSet result = gtid.executeQuery()) {
                    result.next();
                    String set = result.getString(1);
                    return GtidPosition.MariaDb.parseSet(set == null ? "" : set);
                }
            }
        }
    }

    private static GtidPosition mySqlSnapshot(SourceEndpoint source, Connection connection) throws SQLException {
        try (Connection lock = DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password());
             Statement locking = lock.createStatement();
             Statement statement = connection.createStatement()) {
            locking.execute("FLUSH TABLES WITH READ LOCK");
            try {
                statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                try (ResultSet result = statement.executeQuery("SELECT @@global.gtid_executed")) {
                    result.next();
                    return GtidPosition.MySql56.parseSet(result.getString(1).replace("\n", ""));
                }
            } finally {
                locking.execute("UNLOCK TABLES");
            }
        }
    }

    /** The GTID position the snapshot corresponds to. */
    public GtidPosition position() {
        return position;
    }

    /** The base tables of the source database. */
    public List<String> tables() {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' "
                + "ORDER BY table_name", source.database());
    }

    /** The primary key columns of a table, in key order. */
    public List<String> primaryKey(String table) {
        List<String> columns = strings("SELECT column_name FROM information_schema.key_column_usage WHERE table_schema = ? "
                + "AND table_name = ? AND constraint_name = 'PRIMARY' ORDER BY ordinal_position", source.database(), table);
        if (columns.isEmpty()) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "table %s has no primary key; vreplication needs one", table);
        }
        return columns;
    }

    private List<String> strings(String sql, String... arguments) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < arguments.length; index++) {
                statement.setString(index + 1, arguments[index]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw VtException.of(VtCode.UNAVAILABLE, "reading %s on %s:%d: %s", sql, source.host(), source.port(), e.getMessage());
        }
    }

    /** Up to {@code limit} rows of {@code table} after {@code lastPk} in primary key order, filtered by the plan. */
    public RowChunk next(TablePlan plan, List<String> primaryKey, Optional<List<SqlValue>> lastPk, int limit) {
        String keyList = String.join(", ", primaryKey.stream().map(RowStreamer::quote).toList());
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(quote(plan.table()));
        if (lastPk.isPresent()) {
            sql.append(" WHERE (").append(keyList).append(") > (")
                    .append(String.join(", ", primaryKey.stream().map(column -> "?").toList())).append(')');
        }
        sql.append(" ORDER BY ").append(keyList).append(" LIMIT ").append(limit);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            if (lastPk.isPresent()) {
                for (int index = 0; index < primaryKey.size(); index++) {
                    SqlBinding.bind(statement, index + 1, lastPk.get().get(index));
                }
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData metadata = result.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int index = 1; index <= metadata.getColumnCount(); index++) {
                    columns.add(metadata.getColumnName(index));
                }
                List<Integer> keyIndexes = primaryKey.stream().map(columns::indexOf).toList();
                List<List<SqlValue>> rows = new ArrayList<>();
                List<SqlValue> last = null;
                int scanned = 0;
                while (result.next()) {
                    scanned++;
                    List<SqlValue> row = new ArrayList<>(columns.size());
                    for (int index = 1; index <= columns.size(); index++) {
                        row.add(value(result, metadata, index));
                    }
                    last = row;
                    if (plan.keeps(columns, row)) {
                        rows.add(row);
                    }
                }
                Optional<List<SqlValue>> nextLastPk = last == null ? lastPk
                        : Optional.of(keyIndexes.stream().map(last::get).toList());
                return new RowChunk(columns, rows, nextLastPk, scanned < limit);
            }
        } catch (SQLException e) {
            throw VtException.of(VtCode.UNAVAILABLE, "copying %s from %s:%d: %s", plan.table(), source.host(), source.port(),
                    e.getMessage());
        }
    }

    private static SqlValue value(ResultSet result, ResultSetMetaData metadata, int index) throws SQLException {
        // The driver decodes only some types as bytes; text forms are what MySQL prints anyway.
        return switch (metadata.getColumnType(index)) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                String text = result.getString(index);
                yield text == null ? SqlValue.NULL : SqlValue.of(metadata.isSigned(index) ? Type.INT64 : Type.UINT64, text);
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB, Types.BIT -> {
                byte[] raw = result.getBytes(index);
                yield raw == null ? SqlValue.NULL : SqlValue.ofBytes(raw);
            }
            default -> {
                String text = result.getString(index);
                yield text == null ? SqlValue.NULL : SqlValue.ofBytes(text.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the snapshot ends with the connection anyway
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing to release beyond the socket
        }
    }
}
