package io.jvitess.tablet.vreplication;

import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.tablet.mysql.MysqlConnector;
import io.jvitess.tablet.replication.GtidPosition;
import io.jvitess.tablet.vstreamer.BinlogStreamer;
import io.jvitess.tablet.vstreamer.BinlogTransaction;
import io.jvitess.tablet.vstreamer.RowChange;
import io.jvitess.tablet.vstreamer.RowChunk;
import io.jvitess.tablet.vstreamer.RowStreamer;
import io.jvitess.tablet.vstreamer.SourceEndpoint;
import io.jvitess.tablet.vstreamer.TablePlan;
import io.jvitess.tablet.vstreamer.TableRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Runs one {@code _vt.vreplication} stream on the target primary: the copy phase (Vitess §8.3) and then
 * continuous binlog replay. Every unit of work commits together with its bookkeeping (copy_state lastpk,
 * pos), so a stream stopped or killed at any point resumes exactly where it left off.
 */
final class StreamController {

    private static final Logger log = LoggerFactory.getLogger(StreamController.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** At most this many source transactions per target commit while catching up. */
    private static final int MAX_BATCH_TRANSACTIONS = 100;
    /** How long a pending position waits for more source events once a caller wants it saved. */
    private static final Duration PENDING_POLL = Duration.ofMillis(10);
    /** How often a pending position checks whether someone wants it. */
    private static final Duration UNSAVED_POLL = Duration.ofMillis(50);
    private static final Duration FAST_FORWARD_IDLE_LIMIT = Duration.ofSeconds(60);
    static final String STOP_POSITION_REACHED = "Reached stopping position for current binlog file";

    private final int id;
    private final VReplicationConfig config;
    private final MysqlConnector local;
    private final SourceResolver sources;
    private final Function<String, Keyspace> vschemas;
    private final Clock clock;
    private volatile boolean stopping;
    /** Someone waits for a position (VReplicationWaitForPos): save a pending position as soon as the source pauses. */
    private volatile boolean positionWanted;
    private volatile BinlogStreamer activeStreamer;
    private Thread thread;

    StreamController(int id, VReplicationConfig config, MysqlConnector local, SourceResolver sources,
                     Function<String, Keyspace> vschemas, Clock clock) {
        this.id = id;
        this.config = requireNonNull(config, "config is null");
        this.local = requireNonNull(local, "local is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.vschemas = requireNonNull(vschemas, "vschemas is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    void start() {
        thread = new Thread(this::run, "vreplication-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopping = true;
        BinlogStreamer streamer = activeStreamer;
        if (streamer != null) {
            streamer.close();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!stopping) {
            try (Connection target = openTarget()) {
                runStream(target);
                return;
            } catch (Exception e) {
                if (stopping) {
                    return;
                }
                String message = e instanceof VtException || e instanceof SQLException ? e.getMessage() : e.toString();
                log.warn("vreplication stream {} failed, retrying in {}: {}", id, config.retryDelay(), message);
                recordError(message);
                sleep(config.retryDelay());
            }
        }
    }

    private Connection openTarget() throws SQLException {
        Connection connection = DriverManager.getConnection(MysqlConnector.jdbcUrl(local.host(), local.port(), ""),
                MysqlConnector.DBA_USER, "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        }
        connection.setAutoCommit(false);
        return connection;
    }

    private void runStream(Connection target) throws SQLException, InterruptedException {
        Optional<StreamRecord> loaded = StreamRecord.load(target, id);
        target.commit();
        if (loaded.isEmpty() || !loaded.get().state().runnable()) {
            return;
        }
        StreamRecord record = loaded.get();
        BinlogSource source = BinlogSource.parse(record.source());
        SourceEndpoint endpoint = sources.resolve(source.keyspace(), source.shard());
        TableRules rules = new TableRules(source.keyspace(), source.rules(), vschemas);
        RowApplier applier = new RowApplier(target, record.databaseName());

        boolean copied = false;
        if (record.position().isEmpty() && copyState(target).isEmpty()) {
            if (!initializeCopy(target, endpoint, rules)) {
                return;
            }
        }
        while (!stopping) {
            Map<String, Optional<LastPk>> state = copyState(target);
            if (state.isEmpty()) {
                break;
            }
            copyRound(target, endpoint, rules, applier, state);
            copied = true;
        }
        if (stopping) {
            return;
        }
        StreamRecord current = StreamRecord.load(target, id).orElseThrow();
        if (copied || current.state() == VReplicationState.Copying || current.state() == VReplicationState.Init) {
            insertLog(target, "Ended Copy Phase", VReplicationState.Running, "Copy phase completed");
            if (source.stopAfterCopy()) {
                updateState(target, VReplicationState.Stopped, "Stopped after copy.");
                return;
            }
        }
        updateState(target, VReplicationState.Running, "");
        replicate(target, endpoint, rules, applier, current);
    }

    /** Step 1 of the copy phase: one copy_state row per matched table, sorted by name. */
    private boolean initializeCopy(Connection target, SourceEndpoint endpoint, TableRules rules) throws SQLException {
        List<String> tables;
        try (RowStreamer reader = RowStreamer.open(endpoint)) {
            tables = rules.matchingTables(reader.tables());
        }
        if (tables.isEmpty()) {
            updateState(target, VReplicationState.Stopped, "There is nothing to replicate");
            return false;
        }
        try (PreparedStatement insert = target.prepareStatement("INSERT INTO _vt.copy_state (vrepl_id, table_name) VALUES (?, ?)")) {
            for (String table : tables) {
                insert.setInt(1, id);
                insert.setString(2, table);
                insert.executeUpdate();
            }
        }
        setState(target, VReplicationState.Copying, "");
        insertLog(target, "Started Copy Phase", VReplicationState.Copying, "Copy phase started for " + tables.size() + " table(s)");
        target.commit();
        log.info("vreplication stream {} starts copying {} from {}:{}", id, tables, endpoint.host(), endpoint.port());
        return true;
    }

    /** The latest lastpk per table still to copy, in table name order. */
    private Map<String, Optional<LastPk>> copyState(Connection target) throws SQLException {
        Map<String, Optional<LastPk>> state = new LinkedHashMap<>();
        try (PreparedStatement select = target.prepareStatement(
                "SELECT table_name, lastpk FROM _vt.copy_state WHERE vrepl_id = ? AND id IN "
                        + "(SELECT max(id) FROM _vt.copy_state WHERE vrepl_id = ? GROUP BY table_name) ORDER BY table_name")) {
            select.setInt(1, id);
            select.setInt(2, id);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String lastPk = result.getString(2);
                    state.put(result.getString(1), lastPk == null || lastPk.isEmpty() ? Optional.empty() : Optional.of(LastPk.parse(lastPk)));
                }
            }
        }
        target.commit();
        return state;
    }

    /** Steps 2-6: snapshot, fast-forward the already copied rows to it, then copy the first unfinished table. */
    private void copyRound(Connection target, SourceEndpoint endpoint, TableRules rules, RowApplier applier,
                           Map<String, Optional<LastPk>> state) throws SQLException, InterruptedException {
        String table = state.keySet().iterator().next();
        try (RowStreamer snapshot = RowStreamer.open(endpoint)) {
            GtidPosition current = GtidPosition.parse(StreamRecord.load(target, id).orElseThrow().position());
            if (current.isEmpty()) {
                updatePosition(target, snapshot.position(), 0);
                target.commit();
            } else {
                fastForward(target, endpoint, rules, applier, current, snapshot.position(), state);
            }
            Optional<TablePlan> plan = rules.planFor(table);
            if (plan.isEmpty()) {
                deleteCopyState(target, table);
                target.commit();
                return;
            }
            List<String> primaryKey = snapshot.primaryKey(table);
            Optional<List<SqlValue>> lastPk = state.get(table).map(LastPk::values);
            Instant deadline = clock.instant().plus(config.copyRoundDuration());
            while (!stopping) {
                RowChunk chunk = snapshot.next(plan.get(), primaryKey, lastPk, config.copyBatchRows());
                applier.insert(table, chunk.columns(), chunk.rows());
                if (chunk.finished()) {
                    deleteCopyState(target, table);
                } else if (chunk.lastPk().isPresent()) {
                    saveLastPk(target, table, new LastPk(primaryKey, chunk.lastPk().get()));
                }
                try (PreparedStatement update = target.prepareStatement(
                        "UPDATE _vt.vreplication SET rows_copied = rows_copied + ?, time_updated = ? WHERE id = ?")) {
                    update.setLong(1, chunk.rows().size());
                    update.setLong(2, clock.instant().getEpochSecond());
                    update.setInt(3, id);
                    update.executeUpdate();
                }
                target.commit();
                lastPk = chunk.lastPk();
                if (chunk.finished()) {
                    log.info("vreplication stream {} finished copying {}", id, table);
                    return;
                }
                if (clock.instant().isAfter(deadline)) {
                    return;
                }
            }
        }
    }

    private void saveLastPk(Connection target, String table, LastPk lastPk) throws SQLException {
        try (PreparedStatement insert = target.prepareStatement(
                "INSERT INTO _vt.copy_state (lastpk, vrepl_id, table_name) VALUES (?, ?, ?)")) {
            insert.setString(1, lastPk.toPrototext());
            insert.setInt(2, id);
            insert.setString(3, table);
            insert.executeUpdate();
        }
        // Only the newest row per table counts; older ones are garbage.
        try (PreparedStatement delete = target.prepareStatement(
                "DELETE FROM _vt.copy_state WHERE vrepl_id = ? AND table_name = ? AND id < LAST_INSERT_ID()")) {
            delete.setInt(1, id);
            delete.setString(2, table);
            delete.executeUpdate();
        }
    }

    private void deleteCopyState(Connection target, String table) throws SQLException {
        try (PreparedStatement delete = target.prepareStatement("DELETE FROM _vt.copy_state WHERE table_name = ? AND vrepl_id = ?")) {
            delete.setString(1, table);
            delete.setInt(2, id);
            delete.executeUpdate();
        }
    }

    /** Replays the binlog from {@code from} up to {@code to}, applying changes only to rows already copied. */
    private void fastForward(Connection target, SourceEndpoint endpoint, TableRules rules, RowApplier applier, GtidPosition from,
                             GtidPosition to, Map<String, Optional<LastPk>> state) throws SQLException, InterruptedException {
        if (from.atLeast(to)) {
            return;
        }
        Function<RowChange, Optional<RowChange>> copiedPart = change -> copiedPart(change, state);
        try (BinlogStreamer streamer = new BinlogStreamer(endpoint, rules, from)) {
            activeStreamer = streamer;
            streamer.start();
            Instant idleSince = clock.instant();
            while (!stopping) {
                Optional<BinlogTransaction> transaction = streamer.next(POLL);
                if (transaction.isEmpty()) {
                    if (clock.instant().isAfter(idleSince.plus(FAST_FORWARD_IDLE_LIMIT))) {
                        throw new SQLException("fast-forward from " + from + " did not reach " + to + " within " + FAST_FORWARD_IDLE_LIMIT);
                    }
                    continue;
                }
                idleSince = clock.instant();
                apply(target, applier, transaction.get(), copiedPart);
                if (transaction.get().position().atLeast(to)) {
                    return;
                }
            }
        } finally {
            activeStreamer = null;
        }
    }

    /**
     * The part of a change that touches rows already copied: tables done, or keys up to the current
     * table's lastpk. An update moving a key across lastpk becomes the insert or delete of the copied side.
     */
    static Optional<RowChange> copiedPart(RowChange change, Map<String, Optional<LastPk>> state) {
        if (!state.containsKey(change.table())) {
            return Optional.of(change);
        }
        Optional<LastPk> lastPk = state.get(change.table());
        if (lastPk.isEmpty()) {
            return Optional.empty();
        }
        Predicate<List<SqlValue>> copied = row -> PrimaryKeyOrder.compare(
                lastPk.get().columns().stream().map(column -> row.get(change.columns().indexOf(column))).toList(),
                lastPk.get().values()) <= 0;
        Optional<List<SqlValue>> before = change.before().filter(copied);
        Optional<List<SqlValue>> after = change.after().filter(copied);
        if (before.isEmpty() && after.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RowChange(change.table(), change.columns(), before, after));
    }

    /** Asks the stream to record a pending position promptly (a traffic switch is waiting for it). */
    void wantPosition() {
        positionWanted = true;
    }

    /** Continuous replication from pos until stopped or stop_pos is reached. */
    private void replicate(Connection target, SourceEndpoint endpoint, TableRules rules, RowApplier applier, StreamRecord record)
            throws SQLException, InterruptedException {
        GtidPosition position = GtidPosition.parse(record.position());
        Optional<GtidPosition> stopPosition = record.stopPosition().isEmpty()
                ? Optional.empty() : Optional.of(GtidPosition.parse(record.stopPosition()));
        if (stopPosition.isPresent() && position.atLeast(stopPosition.get())) {
            updateState(target, VReplicationState.Stopped, STOP_POSITION_REACHED);
            return;
        }
        log.info("vreplication stream {} replicating from {} at {}", id, endpoint.host() + ":" + endpoint.port(), position);
        try (BinlogStreamer streamer = new BinlogStreamer(endpoint, rules, position)) {
            activeStreamer = streamer;
            streamer.start();
            Instant lastHeartbeat = Instant.EPOCH;
            Instant lastSaved = clock.instant();
            // A source transaction with no rows for this stream only moves pos; saving that on every such transaction
            // would write a binlog event per source event (and two streams in opposite directions would feed each
            // other forever), so it is saved at most once a second, or as soon as the source pauses when a caller
            // waits for a position (VReplicationWaitForPos during a traffic switch).
            Optional<BinlogTransaction> unsaved = Optional.empty();
            while (!stopping) {
                Duration poll = unsaved.isEmpty() ? POLL : positionWanted ? PENDING_POLL : UNSAVED_POLL;
                Optional<BinlogTransaction> transaction = streamer.next(poll);
                Instant now = clock.instant();
                if (transaction.isEmpty()) {
                    if (unsaved.isPresent() && (positionWanted || !now.isBefore(lastSaved.plusSeconds(1)))) {
                        positionWanted = false;
                        apply(target, applier, unsaved.get(), Optional::of);
                        unsaved = Optional.empty();
                        lastSaved = now;
                    }
                    if (now.isAfter(lastHeartbeat.plusSeconds(1))) {
                        heartbeat(target, now);
                        lastHeartbeat = now;
                    }
                    continue;
                }
                // When the stream is behind, apply the transactions already received in one target transaction:
                // one commit (and one pos update) per batch instead of per source transaction.
                List<BinlogTransaction> batch = new ArrayList<>();
                batch.add(transaction.get());
                boolean reachedStop = stopPosition.isPresent() && transaction.get().position().atLeast(stopPosition.get());
                while (!reachedStop && batch.size() < MAX_BATCH_TRANSACTIONS) {
                    Optional<BinlogTransaction> more = streamer.next(Duration.ZERO);
                    if (more.isEmpty()) {
                        break;
                    }
                    batch.add(more.get());
                    reachedStop = stopPosition.isPresent() && more.get().position().atLeast(stopPosition.get());
                }
                boolean noRows = batch.stream().allMatch(received -> received.changes().isEmpty());
                if (noRows && !reachedStop && now.isBefore(lastSaved.plusSeconds(1))) {
                    unsaved = Optional.of(batch.getLast());
                    continue;
                }
                applyBatch(target, applier, batch);
                unsaved = Optional.empty();
                lastSaved = now;
                if (reachedStop) {
                    updateState(target, VReplicationState.Stopped, STOP_POSITION_REACHED);
                    return;
                }
            }
        } finally {
            activeStreamer = null;
        }
    }

    /** Source transactions applied together in one target transaction that also records the last one's position. */
    private void applyBatch(Connection target, RowApplier applier, List<BinlogTransaction> batch) throws SQLException {
        try {
            for (BinlogTransaction transaction : batch) {
                for (RowChange change : transaction.changes()) {
                    applier.apply(change);
                }
            }
            BinlogTransaction last = batch.getLast();
            updatePosition(target, last.position(), last.timestampSeconds());
            target.commit();
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        }
    }

    /** One source transaction becomes one target transaction that also records the new position. */
    private void apply(Connection target, RowApplier applier, BinlogTransaction transaction,
                       Function<RowChange, Optional<RowChange>> filter) throws SQLException {
        try {
            for (RowChange change : transaction.changes()) {
                Optional<RowChange> applicable = filter.apply(change);
                if (applicable.isPresent()) {
                    applier.apply(applicable.get());
                }
            }
            updatePosition(target, transaction.position(), transaction.timestampSeconds());
            target.commit();
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        }
    }

    private void updatePosition(Connection target, GtidPosition position, long transactionTimestamp) throws SQLException {
        try (PreparedStatement update = target.prepareStatement("UPDATE _vt.vreplication SET pos = ?, time_updated = ?, "
                + "transaction_timestamp = ?, time_heartbeat = ? WHERE id = ?")) {
            long now = clock.instant().getEpochSecond();
            update.setString(1, position.format());
            update.setLong(2, now);
            update.setLong(3, transactionTimestamp);
            update.setLong(4, now);
            update.setInt(5, id);
            update.executeUpdate();
        }
    }

    private void heartbeat(Connection target, Instant now) throws SQLException {
        try (PreparedStatement update = target.prepareStatement("UPDATE _vt.vreplication SET time_heartbeat = ? WHERE id = ?")) {
            update.setLong(1, now.getEpochSecond());
            update.setInt(2, id);
            update.executeUpdate();
        }
        target.commit();
    }

    private void updateState(Connection target, VReplicationState state, String message) throws SQLException {
        setState(target, state, message);
        target.commit();
    }

    private void setState(Connection target, VReplicationState state, String message) throws SQLException {
        try (PreparedStatement update = target.prepareStatement(
                "UPDATE _vt.vreplication SET state = ?, message = ?, time_updated = ? WHERE id = ? AND state <> 'Stopped'")) {
            update.setString(1, state.name());
            update.setString(2, message.length() > 1000 ? message.substring(0, 1000) : message);
            update.setLong(3, clock.instant().getEpochSecond());
            update.setInt(4, id);
            update.executeUpdate();
        }
    }

    private void insertLog(Connection target, String type, VReplicationState state, String message) throws SQLException {
        try (PreparedStatement insert = target.prepareStatement(
                "INSERT INTO _vt.vreplication_log (vrepl_id, type, state, message) VALUES (?, ?, ?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, type);
            insert.setString(3, state.name());
            insert.setString(4, message);
            insert.executeUpdate();
        }
    }

    /** Marks the stream Error on a fresh connection; the failed one may be unusable. */
    private void recordError(String message) {
        try (Connection target = openTarget()) {
            setState(target, VReplicationState.Error, message == null ? "unknown error" : message);
            insertLog(target, "Error", VReplicationState.Error, message == null ? "unknown error" : message);
            target.commit();
        } catch (SQLException e) {
            log.warn("cannot record the error of vreplication stream {}: {}", id, e.getMessage());
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
