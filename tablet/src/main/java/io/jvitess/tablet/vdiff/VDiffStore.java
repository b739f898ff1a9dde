package io.jvitess.tablet.vdiff;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.tabletmanagerdata.VDiffOptions;
import io.jvitess.proto.tabletmanagerdata.VDiffTableReport;
import io.jvitess.tablet.mysql.MysqlConnector;
import io.jvitess.tablet.mysql.MysqlErrors;
import io.jvitess.tablet.vreplication.BinlogSource;
import io.jvitess.tablet.vreplication.LastPk;
import io.jvitess.tablet.vreplication.VReplicationState;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The vdiff sidecar tables of this tablet's database: {@code _vt.vdiff} (one row per vdiff),
 * {@code _vt.vdiff_table} (one row per table: state, lastpk, rows_compared, report JSON) and
 * {@code _vt.vdiff_log}; plus the reads of {@code _vt.vreplication} a vdiff needs. Timestamps are
 * written with {@code NOW()} and read as epoch seconds, so the session time zone never matters.
 */
final class VDiffStore {

    private static final String VDIFF_COLUMNS = "id, vdiff_uuid, keyspace, workflow, shard, state, options, "
            + "UNIX_TIMESTAMP(started_at), UNIX_TIMESTAMP(completed_at), last_error, stream_states";
    private static final int MAX_ERROR_BYTES = 1024;

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final MysqlConnector mysql;

    VDiffStore(MysqlConnector mysql) {
        this.mysql = requireNonNull(mysql, "mysql is null");
    }

    String databaseName() {
        return mysql.databaseName();
    }

    long create(String uuid, String keyspace, String workflow, String shard, VDiffOptions options) {
        String sql = "INSERT INTO _vt.vdiff (vdiff_uuid, workflow, keyspace, shard, db_name, state, options) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = mysql.dba(); PreparedStatement insert = connection.prepareStatement(sql)) {
            bind(insert, uuid, workflow, keyspace, shard, databaseName(), VDiffState.PENDING.text(), json(options));
            insert.executeUpdate();
            try (PreparedStatement select = connection.prepareStatement("SELECT LAST_INSERT_ID()");
                 ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw MysqlErrors.fromSql(e, sql, MysqlConnector.DBA_USER);
        }
    }

    void addTable(long id, String table, long tableRows) {
        update("INSERT INTO _vt.vdiff_table (vdiff_id, table_name, state, table_rows, report) VALUES (?, ?, ?, ?, ?)",
                Long.toString(id), table, VDiffState.PENDING.text(), tableRows,
                json(VDiffTableReport.newBuilder().setTableName(table).build()));
    }

    Optional<VDiffRecord> find(String uuid) {
        return query("SELECT " + VDIFF_COLUMNS + " FROM _vt.vdiff WHERE vdiff_uuid = ? AND db_name = ?", VDiffStore::vdiff,
                uuid, databaseName()).stream().findFirst();
    }

    Optional<VDiffRecord> find(long id) {
        return query("SELECT " + VDIFF_COLUMNS + " FROM _vt.vdiff WHERE id = ?", VDiffStore::vdiff, id).stream().findFirst();
    }

    /** The vdiffs of a workflow in this database, oldest first. */
    List<VDiffRecord> list(String workflow) {
        return query("SELECT " + VDIFF_COLUMNS + " FROM _vt.vdiff WHERE workflow = ? AND db_name = ? ORDER BY id", VDiffStore::vdiff,
                workflow, databaseName());
    }

    /** The oldest vdiff that is pending or was running when the tablet went away. */
    Optional<VDiffRecord> nextRunnable() {
        return query("SELECT " + VDIFF_COLUMNS + " FROM _vt.vdiff WHERE db_name = ? AND state IN (?, ?) ORDER BY id LIMIT 1",
                VDiffStore::vdiff, databaseName(), VDiffState.PENDING.text(), VDiffState.STARTED.text()).stream().findFirst();
    }

    /** Vdiffs that still hold workflow streams (a run ended before it could put them back). */
    List<VDiffRecord> holdingStreams() {
        return query("SELECT " + VDIFF_COLUMNS + " FROM _vt.vdiff WHERE db_name = ? AND stream_states IS NOT NULL ORDER BY id",
                VDiffStore::vdiff, databaseName());
    }

    /**
     * Moves a vdiff to {@code to} if it is in one of {@code from}; false if it was not.
     * Starting records started_at once, completing records completed_at, pending (resume) clears both.
     */
    boolean transition(long id, Set<VDiffState> from, VDiffState to, String error) {
        String extra = switch (to) {
            case STARTED -> ", started_at = COALESCE(started_at, NOW()), liveness_timestamp = NOW(), last_error = NULL";
            case COMPLETED -> ", completed_at = NOW(), liveness_timestamp = NOW()";
            case PENDING -> ", started_at = NULL, completed_at = NULL, last_error = NULL";
            case ERROR -> ", last_error = ?";
            case STOPPED -> "";
        };
        String states = from.stream().map(state -> "'" + state.text() + "'").collect(Collectors.joining(", "));
        String sql = "UPDATE _vt.vdiff SET state = ?" + extra + " WHERE id = ? AND state IN (" + states + ")";
        List<Object> parameters = new ArrayList<>(List.of(to.text()));
        if (to == VDiffState.ERROR) {
            parameters.add(truncate(error == null ? "" : error));
        }
        parameters.add(id);
        return update(sql, parameters.toArray()) > 0;
    }

    void setStreamStates(long id, String states) {
        update("UPDATE _vt.vdiff SET stream_states = ? WHERE id = ?", states, id);
    }

    void delete(long id) {
        update("DELETE FROM _vt.vdiff_table WHERE vdiff_id = ?", Long.toString(id));
        update("DELETE FROM _vt.vdiff_log WHERE vdiff_id = ?", id);
        update("DELETE FROM _vt.vdiff WHERE id = ?", id);
    }

    void log(long id, String message) {
        update("INSERT INTO _vt.vdiff_log (vdiff_id, message) VALUES (?, ?)", id, message);
    }

    List<TableRecord> tables(long id) {
        return query("SELECT table_name, state, lastpk, table_rows, rows_compared, mismatch, report FROM _vt.vdiff_table "
                + "WHERE vdiff_id = ? ORDER BY table_name", VDiffStore::table, Long.toString(id));
    }

    void setTableState(long id, String table, VDiffState state) {
        update("UPDATE _vt.vdiff_table SET state = ? WHERE vdiff_id = ? AND table_name = ?", state.text(), Long.toString(id), table);
    }

    void setTableRows(long id, String table, long tableRows) {
        update("UPDATE _vt.vdiff_table SET table_rows = ? WHERE vdiff_id = ? AND table_name = ?", tableRows, Long.toString(id), table);
    }

    /** Counters, samples and resume point of a table, written in one statement so they always agree. */
    void saveProgress(long id, String table, VDiffTableReport report, LastPk lastPk) {
        boolean mismatch = report.getMismatchedRows() + report.getExtraRowsSource() + report.getExtraRowsTarget() > 0;
        update("UPDATE _vt.vdiff_table SET lastpk = ?, rows_compared = ?, mismatch = ?, report = ? WHERE vdiff_id = ? AND table_name = ?",
                lastPk.toPrototext(), report.getRowsCompared(), mismatch ? 1 : 0, json(report), Long.toString(id), table);
        update("UPDATE _vt.vdiff SET liveness_timestamp = NOW() WHERE id = ?", id);
    }

    /** Resume: every table runs again from its lastpk, keeping the counts so far. */
    void resetTables(long id) {
        update("UPDATE _vt.vdiff_table SET state = ? WHERE vdiff_id = ?", VDiffState.PENDING.text(), Long.toString(id));
    }

    /** The base tables of this tablet's database. */
    List<String> baseTables() {
        return query("SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' "
                + "ORDER BY table_name", row -> row.getString(1), databaseName());
    }

    /** InnoDB's row estimate for a table, shown as progress. */
    long tableRows(String table) {
        return query("SELECT table_rows FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                row -> row.getLong(1), databaseName(), table).stream().findFirst().orElse(0L);
    }

    /** The primary key columns and their key order, from this tablet's schema. */
    List<String> primaryKey(String table) {
        List<String> columns = query("SELECT column_name FROM information_schema.key_column_usage WHERE table_schema = ? "
                + "AND table_name = ? AND constraint_name = 'PRIMARY' ORDER BY ordinal_position", row -> row.getString(1),
                databaseName(), table);
        if (columns.isEmpty()) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "table %s has no primary key; vdiff needs one", table);
        }
        return columns;
    }

    KeyOrder keyOrder(String table, List<String> primaryKey) {
        List<KeyOrder.KeyColumn> columns = new ArrayList<>();
        for (String column : primaryKey) {
            columns.add(query("SELECT data_type, collation_name FROM information_schema.columns WHERE table_schema = ? "
                    + "AND table_name = ? AND column_name = ?", row -> KeyOrder.column(row.getString(1), row.getString(2)),
                    databaseName(), table, column).stream().findFirst()
                    .orElseThrow(() -> VtException.of(VtCode.NOT_FOUND, "column %s of table %s not found", column, table)));
        }
        return new KeyOrder(columns);
    }

    /** The streams of a workflow writing to this tablet's database. */
    List<WorkflowStream> streams(String workflow) {
        return query("SELECT id, state, message, pos, source FROM _vt.vreplication WHERE workflow = ? AND db_name = ? ORDER BY id",
                row -> new WorkflowStream(row.getInt(1), VReplicationState.parse(row.getString(2)), nonNull(row.getString(3)),
                        nonNull(row.getString(4)), BinlogSource.parse(nonNull(row.getString(5)))),
                workflow, databaseName());
    }

    /** Whether a stream still has tables to copy. */
    boolean copying(int streamId) {
        return !query("SELECT 1 FROM _vt.copy_state WHERE vrepl_id = ? LIMIT 1", row -> true, streamId).isEmpty();
    }

    /** What a stream is doing now. */
    record StreamStatus(VReplicationState state, String position, String message) {
    }

    /** The current state, position and message of a stream, or empty if it was deleted. */
    Optional<StreamStatus> streamStatus(int streamId) {
        return query("SELECT state, pos, message FROM _vt.vreplication WHERE id = ?",
                row -> new StreamStatus(VReplicationState.parse(row.getString(1)), nonNull(row.getString(2)), nonNull(row.getString(3))),
                streamId).stream().findFirst();
    }

    private static VDiffRecord vdiff(ResultSet row) throws SQLException {
        VDiffOptions.Builder options = VDiffOptions.newBuilder();
        parse(row.getString(7), options);
        return new VDiffRecord(row.getLong(1), row.getString(2), nonNull(row.getString(3)), nonNull(row.getString(4)),
                nonNull(row.getString(5)), VDiffState.parse(row.getString(6)), options.build(), instant(row, 8), instant(row, 9),
                nonNull(row.getString(10)), Optional.ofNullable(row.getString(11)));
    }

    private static TableRecord table(ResultSet row) throws SQLException {
        String lastPk = row.getString(3);
        VDiffTableReport.Builder report = VDiffTableReport.newBuilder();
        parse(row.getString(7), report);
        return new TableRecord(row.getString(1), VDiffState.parse(row.getString(2)),
                lastPk == null || lastPk.isEmpty() ? Optional.empty() : Optional.of(LastPk.parse(lastPk)), row.getLong(4),
                row.getLong(5), row.getBoolean(6), report.build());
    }

    private static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
        long seconds = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }

    static String json(Message message) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(message);
        } catch (InvalidProtocolBufferException e) {
            throw VtException.of(VtCode.INTERNAL, "cannot encode %s as JSON: %s", message.getDescriptorForType().getName(), e.getMessage());
        }
    }

    static void parse(String json, Message.Builder builder) {
        if (json == null || json.isBlank()) {
            return;
        }
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw VtException.of(VtCode.INTERNAL, "cannot decode %s JSON %s: %s", builder.getDescriptorForType().getName(), json,
                    e.getMessage());
        }
    }

    private static String truncate(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_ERROR_BYTES) {
            return text;
        }
        // Cut on a character boundary so the stored bytes stay valid UTF-8.
        int end = MAX_ERROR_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(Arrays.copyOf(bytes, end), StandardCharsets.UTF_8);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = mysql.dba(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw MysqlErrors.fromSql(e, sql, MysqlConnector.DBA_USER);
        }
    }

    private <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) {
        try (Connection connection = mysql.dba(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw MysqlErrors.fromSql(e, sql, MysqlConnector.DBA_USER);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int index = 0; index < parameters.length; index++) {
            switch (parameters[index]) {
                case null -> statement.setNull(index + 1, Types.VARCHAR);
                case String text -> statement.setString(index + 1, text);
                case Long number -> statement.setLong(index + 1, number);
                case Integer number -> statement.setInt(index + 1, number);
                default -> throw new IllegalArgumentException("unsupported parameter " + parameters[index]);
            }
        }
    }
}
