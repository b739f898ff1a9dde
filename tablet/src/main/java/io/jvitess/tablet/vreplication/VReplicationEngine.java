package io.jvitess.tablet.vreplication;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.tablet.mysql.MysqlConnector;
import io.jvitess.tablet.mysql.MysqlErrors;
import io.jvitess.tablet.mysql.ResultConverter;
import io.jvitess.tablet.replication.GtidPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The tablet's VReplication engine (target side). Open only on a PRIMARY: it runs one
 * {@link StreamController} per runnable {@code _vt.vreplication} row and restarts a controller whenever
 * {@link #exec} changes what the stream should do.
 */
public final class VReplicationEngine implements AutoCloseable {

    /** SwitchTraffic holds writes while it waits here, so poll often: every poll is one primary-key read. */
    private static final long WAIT_POLL_MILLIS = 10;

    private static final Logger log = LoggerFactory.getLogger(VReplicationEngine.class);

    private final VReplicationConfig config;
    private final MysqlConnector mysql;
    private final SourceResolver sources;
    private final Function<String, Keyspace> vschemas;
    private final Clock clock;
    private final Map<Integer, StreamController> controllers = new HashMap<>();
    private boolean open;

    public VReplicationEngine(VReplicationConfig config, MysqlConnector mysql, SourceResolver sources,
                              Function<String, Keyspace> vschemas, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.mysql = requireNonNull(mysql, "mysql is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.vschemas = requireNonNull(vschemas, "vschemas is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Opens the engine on a primary and closes it otherwise; cheap when nothing changes. */
    public synchronized void setPrimary(boolean primary) {
        if (primary && !open) {
            try {
                open();
            } catch (RuntimeException e) {
                log.warn("cannot open the vreplication engine yet: {}", e.getMessage());
            }
        } else if (!primary && open) {
            closeControllers();
            open = false;
            log.info("vreplication engine closed: tablet is no longer primary");
        }
    }

    public synchronized boolean isOpen() {
        return open;
    }

    private void open() {
        Map<Integer, StreamRecord> streams = streams();
        open = true;
        streams.values().forEach(this::startIfRunnable);
        log.info("vreplication engine open with {} stream(s)", controllers.size());
    }

    /**
     * Runs a statement against the vreplication tables (e.g. insert/update/delete on
     * {@code _vt.vreplication}) and restarts the controllers of the streams it changed.
     */
    public synchronized QueryResult exec(String sql) {
        requireNonNull(sql, "sql is null");
        if (!open) {
            throw VtException.of(VtCode.UNAVAILABLE, "vreplication engine is closed");
        }
        // Reads (Workflow show, status, VDiff) change no stream: skip reading every stream before and after.
        boolean read = sql.stripLeading().regionMatches(true, 0, "select", 0, 6);
        Map<Integer, String> before = read ? Map.of() : fingerprints(streams());
        QueryResult result;
        try (Connection connection = mysql.dba(); Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    result = ResultConverter.result(rows);
                }
            } else {
                QueryResult.Builder builder = QueryResult.newBuilder().setRowsAffected(Math.max(0, statement.getUpdateCount()));
                try (ResultSet keys = statement.executeQuery("SELECT LAST_INSERT_ID()")) {
                    if (keys.next() && sql.trim().toLowerCase().startsWith("insert")) {
                        builder.setInsertId(keys.getLong(1));
                    }
                }
                result = builder.build();
            }
        } catch (SQLException e) {
            throw MysqlErrors.fromSql(e, sql, MysqlConnector.DBA_USER);
        }
        if (read) {
            return result;
        }
        Map<Integer, StreamRecord> afterStreams = streams();
        Map<Integer, String> after = fingerprints(afterStreams);
        Set<Integer> ids = new HashSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (int id : ids) {
            if (Objects.equals(before.get(id), after.get(id))) {
                continue;
            }
            StreamController controller = controllers.remove(id);
            if (controller != null) {
                controller.stop();
            }
            if (afterStreams.containsKey(id)) {
                startIfRunnable(afterStreams.get(id));
            } else {
                deleteCopyState(id);
            }
        }
        return result;
    }

    /**
     * Waits until stream {@code id} has applied {@code position}.
     *
     * @throws VtException DEADLINE_EXCEEDED when the timeout passes first, NOT_FOUND for an unknown stream
     */
    public void waitForPosition(int id, GtidPosition position, Duration timeout) {
        requireNonNull(position, "position is null");
        synchronized (this) {
            StreamController controller = controllers.get(id);
            if (controller != null) {
                controller.wantPosition();
            }
        }
        Instant deadline = clock.instant().plus(timeout);
        String last = "";
        while (true) {
            try (Connection connection = mysql.dba();
                 PreparedStatement select = connection.prepareStatement("SELECT pos, state, message FROM _vt.vreplication WHERE id = ?")) {
                select.setInt(1, id);
                try (ResultSet result = select.executeQuery()) {
                    if (!result.next()) {
                        throw VtException.of(VtCode.NOT_FOUND, "vreplication stream %d not found", id);
                    }
                    last = Optional.ofNullable(result.getString(1)).orElse("");
                    if (GtidPosition.parse(last).atLeast(position)) {
                        return;
                    }
                }
            } catch (SQLException e) {
                throw MysqlErrors.fromSql(e, "select pos from _vt.vreplication", MysqlConnector.DBA_USER);
            }
            if (clock.instant().isAfter(deadline)) {
                throw VtException.of(VtCode.DEADLINE_EXCEEDED, "timed out waiting for position %s in stream %d (at %s)",
                        position.format(), id, last);
            }
            try {
                Thread.sleep(WAIT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VtException.of(VtCode.CANCELED, "interrupted waiting for position %s in stream %d", position.format(), id);
            }
        }
    }

    private void startIfRunnable(StreamRecord stream) {
        if (!stream.state().runnable()) {
            return;
        }
        StreamController controller = new StreamController(stream.id(), config, mysql, sources, vschemas, clock);
        controllers.put(stream.id(), controller);
        controller.start();
    }

    private static Map<Integer, String> fingerprints(Map<Integer, StreamRecord> streams) {
        Map<Integer, String> fingerprints = new HashMap<>();
        streams.forEach((id, stream) -> fingerprints.put(id, stream.controlFingerprint()));
        return fingerprints;
    }

    private Map<Integer, StreamRecord> streams() {
        Map<Integer, StreamRecord> streams = new HashMap<>();
        // Only this tablet's database: tablets sharing one mysqld (vtcombo) must not run each other's streams.
        try (Connection connection = mysql.dba(); PreparedStatement select = connection.prepareStatement(
                "SELECT " + StreamRecord.COLUMNS + " FROM _vt.vreplication WHERE db_name = ?")) {
            select.setString(1, mysql.databaseName());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    StreamRecord record = StreamRecord.read(result);
                    streams.put(record.id(), record);
                }
            }
        } catch (SQLException e) {
            throw MysqlErrors.fromSql(e, "select from _vt.vreplication", MysqlConnector.DBA_USER);
        }
        return streams;
    }

    private void deleteCopyState(int id) {
        try (Connection connection = mysql.dba();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM _vt.copy_state WHERE vrepl_id = ?")) {
            delete.setInt(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            log.warn("cannot delete copy_state of deleted stream {}: {}", id, e.getMessage());
        }
    }

    private void closeControllers() {
        controllers.values().forEach(StreamController::stop);
        controllers.clear();
    }

    @Override
    public synchronized void close() {
        closeControllers();
        open = false;
    }
}
