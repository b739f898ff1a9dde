package io.jvitess.tablet;

import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.tabletmanagerdata.VDiffOptions;
import io.jvitess.proto.tabletmanagerdata.VDiffRequest;
import io.jvitess.proto.tabletmanagerdata.VDiffResponse;
import io.jvitess.proto.tabletmanagerdata.VDiffShardReport;
import io.jvitess.proto.tabletmanagerdata.VDiffTableReport;
import io.jvitess.proto.tabletmanagerdata.VReplicationExecRequest;
import io.jvitess.proto.tabletmanagerdata.VReplicationWaitForPosRequest;
import io.jvitess.proto.tabletmanagerservice.TabletManagerGrpc;
import io.jvitess.tablet.replication.GtidPosition;
import io.jvitess.tablet.vreplication.BinlogSource;
import io.jvitess.tablet.vreplication.VReplicationConfig;
import io.jvitess.tablet.vstreamer.FilterRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.jvitess.tablet.SourceAndTargets.insertRows;
import static io.jvitess.tablet.TabletTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** VDiff on the real tablets of {@link SourceAndTargets}, with streams created through VReplicationExec. */
class VDiffIntegrationTest {

    private static final VReplicationConfig ENGINE = VReplicationConfig.defaults().withCopyBatchRows(500)
            .withRetryDelay(Duration.ofMillis(500));
    private static final int PRODUCTS = 5000;
    private static final int CUSTOMERS = 3000;
    private static final int MERGED = 2000;
    private static final int ACCOUNTS = 1500;
    /** Larger values measure vdiff throughput: {@code -Dvdiff.test.bigRows=300000}. */
    private static final int BIG = Integer.getInteger("vdiff.test.bigRows", 20000);
    private static final Set<String> FINISHED = Set.of("completed", "error", "stopped");
    private static SourceAndTargets cluster;
    private static Vttablet source;
    private static Vttablet left;
    private static Vttablet right;

    @BeforeAll
    static void start() throws IOException, SQLException {
        cluster = new SourceAndTargets("vdiff-test", 211, ENGINE, ENGINE);
        source = cluster.source();
        left = cluster.left();
        right = cluster.right();
        cluster.createTables(
                "CREATE TABLE product (id bigint PRIMARY KEY, name varchar(64) NOT NULL, price decimal(10,2), note text)",
                "CREATE TABLE customer (id bigint PRIMARY KEY, email varbinary(128), region int)",
                "CREATE TABLE merged (id bigint PRIMARY KEY, v varchar(32))",
                "CREATE TABLE big (id int PRIMARY KEY, payload varchar(200), counter int NOT NULL DEFAULT 0)",
                "CREATE TABLE paused (k varbinary(16), n int, v varchar(16), PRIMARY KEY (k, n))",
                "CREATE TABLE tiny (id int PRIMARY KEY, v varchar(10))",
                "CREATE TABLE broken (id int PRIMARY KEY, v varchar(10), extra int)",
                "CREATE TABLE accounts (id bigint PRIMARY KEY, v varchar(32))");
        try (Connection connection = dba(0); Statement statement = connection.createStatement()) {
            statement.execute("USE vt_commerce");
            statement.execute("INSERT INTO tiny VALUES (1, 'a'), (2, 'b')");
            statement.execute("INSERT INTO paused VALUES ('a', 1, 'x'), ('a', 2, 'y'), (x'ff00', 1, 'z'), ('b', 7, 'w')");
            connection.setAutoCommit(false);
            insertRows(connection, "INSERT INTO product VALUES (?, ?, ?, ?)", PRODUCTS, (insert, id) -> {
                insert.setLong(1, id);
                insert.setString(2, "product-" + id + "-ü");
                insert.setBigDecimal(3, new java.math.BigDecimal(id + ".25"));
                insert.setString(4, id % 7 == 0 ? null : "note " + id);
            });
            SourceAndTargets.insertCustomers(connection, CUSTOMERS);
            insertRows(connection, "INSERT INTO merged VALUES (?, ?)", MERGED, (insert, id) -> {
                insert.setLong(1, id);
                insert.setString(2, "m" + id);
            });
            insertRows(connection, "INSERT INTO accounts VALUES (?, ?)", ACCOUNTS, (insert, id) -> {
                insert.setLong(1, id);
                insert.setString(2, "a" + id);
            });
            SourceAndTargets.insertBig(connection, BIG);
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Connection dba(int index) throws SQLException {
        return cluster.dba(index);
    }

    private static String database(int index) {
        return SourceAndTargets.database(index);
    }

    private static int index(Vttablet tablet) {
        return cluster.index(tablet);
    }

    private static TabletManagerGrpc.TabletManagerBlockingStub manager(Vttablet tablet) {
        return cluster.manager(tablet).withDeadlineAfter(120, TimeUnit.SECONDS);
    }

    private static QueryResult exec(Vttablet tablet, String sql) {
        return manager(tablet).vReplicationExec(VReplicationExecRequest.newBuilder().setQuery(sql).build()).getResult();
    }

    /** A stream from {@code commerce/0} into {@code vt_customer} that copies first (empty position) or replicates from it on. */
    private static int createStream(Vttablet target, String workflow, String sourceKeyspace, String position, FilterRule... rules) {
        return createStream(target, workflow, new BinlogSource(sourceKeyspace, "0", List.of(rules), false), position);
    }

    private static int createStream(Vttablet target, String workflow, BinlogSource binlogSource, String position) {
        String sourceText = binlogSource.toPrototext();
        QueryResult result = exec(target, "INSERT INTO _vt.vreplication (workflow, source, pos, max_tps, max_replication_lag, cell, "
                + "tablet_types, time_updated, transaction_timestamp, state, db_name, workflow_type, workflow_sub_type, "
                + "defer_secondary_keys, options) VALUES ('" + workflow + "', '" + sourceText.replace("'", "''") + "', '" + position
                + "', 9223372036854775807, 9223372036854775807, '', '', 0, 0, '" + (position.isEmpty() ? "Init" : "Running")
                + "', '" + database(index(target)) + "', 1, 0, 0, '{}')");
        return (int) result.getInsertId();
    }

    private static String position(int mysqld) throws SQLException {
        return GtidPosition.MariaDb.parseSet(sql(mysqld, "SELECT @@gtid_binlog_pos")).format();
    }

    private static String sourcePosition() throws SQLException {
        return position(0);
    }

    private static void waitForSource(Vttablet target, int stream) throws SQLException {
        waitFor(target, stream, sourcePosition());
    }

    private static void waitFor(Vttablet target, int stream, String position) {
        manager(target).vReplicationWaitForPos(VReplicationWaitForPosRequest.newBuilder().setId(stream).setPosition(position).build());
    }

    private static String streamColumn(Vttablet target, int stream, String column) {
        return sql(index(target), "SELECT " + column + " FROM _vt.vreplication WHERE id = " + stream);
    }

    /** The first column of the first row, or null. */
    private static String sql(int mysqld, String query) {
        try (Connection connection = dba(mysqld); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void execute(int mysqld, String... statements) throws SQLException {
        try (Connection connection = dba(mysqld); Statement statement = connection.createStatement()) {
            statement.execute("USE " + database(mysqld));
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void awaitState(Vttablet target, int stream, String state) {
        eventually(() -> state.equals(streamColumn(target, stream, "state")) ? true : null);
    }

    private static String create(Vttablet target, String workflow, VDiffOptions options) {
        String uuid = UUID.randomUUID().toString();
        VDiffResponse response = manager(target).vDiff(VDiffRequest.newBuilder().setKeyspace("customer").setWorkflow(workflow)
                .setAction("create").setVdiffUuid(uuid).setOptions(options).build());
        assertThat(response.getVdiffUuid()).isEqualTo(uuid);
        return uuid;
    }

    private static VDiffResponse action(Vttablet target, String workflow, String action, String argument) {
        return manager(target).vDiff(VDiffRequest.newBuilder().setKeyspace("customer").setWorkflow(workflow).setAction(action)
                .setActionArg(argument).build());
    }

    private static VDiffShardReport show(Vttablet target, String workflow, String argument) {
        VDiffResponse response = action(target, workflow, "show", argument);
        assertThat(response.getReportsList()).hasSize(1);
        return response.getReports(0);
    }

    private static VDiffShardReport awaitFinished(Vttablet target, String workflow, String uuid) {
        return eventually(() -> {
            VDiffShardReport report = show(target, workflow, uuid);
            return FINISHED.contains(report.getState()) ? report : null;
        });
    }

    private static VDiffShardReport diff(Vttablet target, String workflow, VDiffOptions options) {
        return awaitFinished(target, workflow, create(target, workflow, options));
    }

    private static VDiffShardReport diff(Vttablet target, String workflow) {
        return diff(target, workflow, VDiffOptions.getDefaultInstance());
    }

    private static long count(int mysqld, String table) {
        return Long.parseLong(sql(mysqld, "SELECT count(*) FROM " + database(mysqld) + "." + table));
    }

    @Test
    void moveTablesWithIdenticalDataThenCorruptedTarget() throws SQLException {
        int stream = createStream(left, "move_product", "commerce", "", new FilterRule("product", "select * from product"));
        awaitState(left, stream, "Running");

        VDiffShardReport clean = diff(left, "move_product");
        assertThat(clean.getState()).as(clean.getErrors()).isEqualTo("completed");
        assertThat(clean.getHasMismatch()).isFalse();
        assertThat(clean.getRowsCompared()).isEqualTo(PRODUCTS);
        assertThat(clean.getShard()).isEqualTo("-80");
        assertThat(clean.getStartedAt()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(clean.getCompletedAt()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(clean.getTablesList()).singleElement().satisfies(table -> {
            assertThat(table.getTableName()).isEqualTo("product");
            assertThat(table.getState()).isEqualTo("completed");
            assertThat(table.getMatchingRows()).isEqualTo(PRODUCTS);
            assertThat(table.getTableRows()).isPositive();
        });
        awaitState(left, stream, "Running");
        assertThat(streamColumn(left, stream, "stop_pos")).isEmpty();

        // Direct writes on the target that replication does not undo.
        execute(1, "UPDATE product SET name = 'corrupted' WHERE id = 5",
                "UPDATE product SET note = NULL WHERE id = 1234",
                "DELETE FROM product WHERE id = 6",
                "INSERT INTO product VALUES (" + (PRODUCTS + 100) + ", 'extra', 1.00, NULL)");
        VDiffShardReport corrupted = diff(left, "move_product",
                VDiffOptions.newBuilder().setMaxReportSampleRows(1).build());
        assertThat(corrupted.getState()).isEqualTo("completed");
        assertThat(corrupted.getHasMismatch()).isTrue();
        VDiffTableReport table = corrupted.getTables(0);
        assertThat(table.getMismatchedRows()).isEqualTo(2);
        assertThat(table.getExtraRowsSource()).isEqualTo(1);
        assertThat(table.getExtraRowsTarget()).isEqualTo(1);
        assertThat(table.getMatchingRows()).isEqualTo(PRODUCTS - 3);
        assertThat(table.getRowsCompared()).isEqualTo(PRODUCTS + 1);
        assertThat(table.getMismatchedSampleList()).containsExactly("id=5");
        assertThat(table.getExtraSourceSampleList()).containsExactly("id=6");
        assertThat(table.getExtraTargetSampleList()).containsExactly("id=" + (PRODUCTS + 100));

        // show last is the newest vdiff, show all lists both.
        assertThat(show(left, "move_product", "last").getHasMismatch()).isTrue();
        assertThat(action(left, "move_product", "show", "all").getReportsList()).hasSize(2);

        // Resuming a completed vdiff compares only rows after its last primary key.
        execute(0, "INSERT INTO product VALUES (" + (PRODUCTS + 200) + ", 'late', 2.00, NULL), ("
                + (PRODUCTS + 201) + ", 'late', 3.00, NULL)");
        waitForSource(left, stream);
        execute(1, "UPDATE product SET name = 'corrupted late' WHERE id = " + (PRODUCTS + 201));
        action(left, "move_product", "resume", corrupted.getVdiffUuid());
        VDiffShardReport resumed = awaitFinished(left, "move_product", corrupted.getVdiffUuid());
        assertThat(resumed.getState()).isEqualTo("completed");
        assertThat(resumed.getRowsCompared()).isEqualTo(PRODUCTS + 1 + 2);
        assertThat(resumed.getTables(0).getMismatchedRows()).isEqualTo(3);
        assertThat(resumed.getTables(0).getMatchingRows()).isEqualTo(PRODUCTS - 3 + 1);
    }

    @Test
    void reshardSplitComparesEachTargetWithItsKeyRangeOfTheSource() {
        int leftStream = createStream(left, "reshard", "commerce", "", new FilterRule("customer", "-80"));
        int rightStream = createStream(right, "reshard", "commerce", "",
                new FilterRule("customer", "select * from customer where in_keyrange(id, 'hash', '80-')"));
        awaitState(left, leftStream, "Running");
        awaitState(right, rightStream, "Running");

        VDiffShardReport leftReport = diff(left, "reshard");
        VDiffShardReport rightReport = diff(right, "reshard");
        for (VDiffShardReport report : List.of(leftReport, rightReport)) {
            assertThat(report.getState()).as(report.getErrors()).isEqualTo("completed");
            assertThat(report.getHasMismatch()).isFalse();
            assertThat(report.getTablesList()).extracting(VDiffTableReport::getTableName).containsExactly("customer");
        }
        assertThat(leftReport.getRowsCompared()).isEqualTo(count(1, "customer")).isPositive();
        assertThat(rightReport.getRowsCompared()).isEqualTo(count(2, "customer")).isPositive();
        assertThat(leftReport.getRowsCompared() + rightReport.getRowsCompared()).isEqualTo(CUSTOMERS);
    }

    @Test
    void mergeComparesTheMergeSortedRowsOfAllStreams() throws SQLException {
        int lower = createStream(right, "merge", "commerce", "",
                new FilterRule("merged", "select * from merged where in_keyrange(id, 'hash', '-80')"));
        int upper = createStream(right, "merge", "commerce", "",
                new FilterRule("merged", "select * from merged where in_keyrange(id, 'hash', '80-')"));
        awaitState(right, lower, "Running");
        awaitState(right, upper, "Running");

        VDiffShardReport clean = diff(right, "merge");
        assertThat(clean.getState()).as(clean.getErrors()).isEqualTo("completed");
        assertThat(clean.getHasMismatch()).isFalse();
        assertThat(clean.getRowsCompared()).isEqualTo(MERGED);

        execute(2, "DELETE FROM merged WHERE id IN (10, 11, 12, 13)");
        VDiffShardReport missing = diff(right, "merge");
        assertThat(missing.getTables(0).getExtraRowsSource()).isEqualTo(4);
        assertThat(missing.getTables(0).getExtraSourceSampleList()).containsExactly("id=10", "id=11", "id=12", "id=13");
        assertThat(missing.getTables(0).getMatchingRows()).isEqualTo(MERGED - 4);
    }

    @Test
    void reverseWorkflowAfterSwitchMergesBothTargetShardsIntoTheOldSource() throws SQLException {
        int leftForward = createStream(left, "accounts_move", "commerce", "",
                new FilterRule("accounts", "select * from accounts where in_keyrange(id, 'hash', '-80')"));
        int rightForward = createStream(right, "accounts_move", "commerce", "",
                new FilterRule("accounts", "select * from accounts where in_keyrange(id, 'hash', '80-')"));
        awaitState(left, leftForward, "Running");
        awaitState(right, rightForward, "Running");

        // SwitchTraffic: the forward streams are frozen, the reverse workflow on the old source reads both new shards.
        exec(left, "UPDATE _vt.vreplication SET state = 'Stopped', message = 'FROZEN' WHERE id = " + leftForward);
        exec(right, "UPDATE _vt.vreplication SET state = 'Stopped', message = 'FROZEN' WHERE id = " + rightForward);
        List<FilterRule> reverseRules = List.of(new FilterRule("accounts", "select * from accounts"));
        int fromLeft = createStream(source, "accounts_move_reverse", new BinlogSource("customer", "-80", reverseRules, false), position(1));
        int fromRight = createStream(source, "accounts_move_reverse", new BinlogSource("customer", "80-", reverseRules, false), position(2));
        try {
            execute(1, "UPDATE accounts SET v = 'written after the switch' WHERE id % 3 = 0", "DELETE FROM accounts WHERE id % 50 = 0");
            execute(2, "UPDATE accounts SET v = 'written after the switch' WHERE id % 3 = 1", "INSERT INTO accounts VALUES (100001, 'new')");
            waitFor(source, fromLeft, position(1));
            waitFor(source, fromRight, position(2));

            VDiffShardReport report = diff(source, "accounts_move_reverse");
            assertThat(report.getState()).as(report.getErrors()).isEqualTo("completed");
            assertThat(report.getShard()).isEqualTo("0");
            assertThat(report.getHasMismatch()).isFalse();
            assertThat(report.getRowsCompared()).isEqualTo(count(1, "accounts") + count(2, "accounts")).isEqualTo(count(0, "accounts"));
            assertThat(streamColumn(source, fromLeft, "state")).isEqualTo("Running");

            execute(0, "UPDATE accounts SET v = 'diverged' WHERE id = 7");
            VDiffTableReport diverged = diff(source, "accounts_move_reverse").getTables(0);
            assertThat(diverged.getMismatchedRows()).isEqualTo(1);
            assertThat(diverged.getMismatchedSampleList()).containsExactly("id=7");

            VDiffShardReport frozen = diff(left, "accounts_move");
            assertThat(frozen.getState()).isEqualTo("error");
            assertThat(frozen.getErrors()).contains("frozen");
            assertThat(streamColumn(left, leftForward, "message")).isEqualTo("FROZEN");
        } finally {
            // Streams in both directions between two keyspaces keep each other busy with position updates.
            exec(source, "DELETE FROM _vt.vreplication WHERE workflow = 'accounts_move_reverse'");
        }
    }

    @Test
    void sourceTakingWritesDuringTheVDiffStillMatches() throws Exception {
        int stream = createStream(left, "busy", "commerce", "", new FilterRule("big", ""));
        awaitState(left, stream, "Running");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            int round = 0;
            try (Connection connection = dba(0); Statement statement = connection.createStatement()) {
                statement.execute("USE vt_commerce");
                while (writing.get()) {
                    round++;
                    statement.execute("UPDATE big SET counter = counter + 1 WHERE id IN (" + (1 + round * 37 % BIG) + ", "
                            + (1 + round * 113 % BIG) + ", " + (BIG - round % 50) + ")");
                    statement.execute("INSERT INTO big VALUES (" + (BIG + 100000 + round) + ", 'late', 0)");
                    if (round % 5 == 0) {
                        statement.execute("DELETE FROM big WHERE id = " + (1 + round * 7 % BIG));
                    }
                    // Every stream on this source reads every source transaction: keep the other tests' streams current.
                    Thread.sleep(5);
                }
            } catch (Throwable e) {
                writerFailure.set(e);
            }
        });
        writer.start();
        VDiffShardReport report;
        try {
            eventually(() -> Long.parseLong(sql(0, "SELECT count(*) FROM vt_commerce.big WHERE id > " + (BIG + 100000))) > 50 ? true : null);
            long started = System.nanoTime();
            report = diff(left, "busy");
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("vdiff under writes: %d rows compared in %.2f s = %.0f rows/s%n", report.getRowsCompared(), seconds,
                    report.getRowsCompared() / seconds);
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(writerFailure.get()).isNull();
        assertThat(report.getState()).as(report.getErrors()).isEqualTo("completed");
        assertThat(report.getHasMismatch()).as(report.toString()).isFalse();
        assertThat(report.getRowsCompared()).isGreaterThan(BIG / 2);
        awaitState(left, stream, "Running");
        waitForSource(left, stream);
        assertThat(count(1, "big")).isEqualTo(count(0, "big"));
    }

    @Test
    void streamStoppedBeforeTheVDiffIsCaughtUpForTheDiffAndStaysStopped() throws SQLException {
        int stream = createStream(left, "paused", "commerce", "", new FilterRule("paused", ""));
        awaitState(left, stream, "Running");
        exec(left, "UPDATE _vt.vreplication SET state = 'Stopped', message = 'paused by user' WHERE id = " + stream);
        execute(0, "INSERT INTO paused VALUES ('c', 1, 'while stopped')", "UPDATE paused SET v = 'changed' WHERE k = 'a' AND n = 2");

        VDiffShardReport report = diff(left, "paused");
        assertThat(report.getState()).as(report.getErrors()).isEqualTo("completed");
        assertThat(report.getHasMismatch()).isFalse();
        assertThat(report.getRowsCompared()).isEqualTo(5);
        assertThat(streamColumn(left, stream, "state")).isEqualTo("Stopped");
        assertThat(streamColumn(left, stream, "message")).isEqualTo("paused by user");
        assertThat(count(1, "paused")).isEqualTo(5);

        execute(1, "DELETE FROM paused WHERE k = x'ff00'", "UPDATE paused SET v = 'bad' WHERE k = 'b'");
        VDiffTableReport table = diff(left, "paused").getTables(0);
        assertThat(table.getExtraSourceSampleList()).containsExactly("k=" + new String(new byte[] {(byte) 0xff, 0},
                java.nio.charset.StandardCharsets.UTF_8) + ", n=1");
        assertThat(table.getMismatchedSampleList()).containsExactly("k=b, n=7");
    }

    @Test
    void workflowWithoutStreamsIsAnErroredVDiff() {
        VDiffShardReport report = diff(left, "no_such_workflow");
        assertThat(report.getState()).isEqualTo("error");
        assertThat(report.getErrors()).contains("no vreplication streams found for workflow no_such_workflow");
    }

    @Test
    void unreachableSourceFailsTheVDiffAndRestoresTheStreams() throws SQLException {
        int stream = createStream(left, "ghost", "ghost", sourcePosition(), new FilterRule("tiny", ""));
        VDiffShardReport report = diff(left, "ghost");
        assertThat(report.getState()).isEqualTo("error");
        assertThat(report.getErrors()).contains("ghost");
        assertThat(streamColumn(left, stream, "state")).isIn("Running", "Error");
        assertThat(streamColumn(left, stream, "message")).isNotEqualTo("for vdiff");
        assertThat(streamColumn(left, stream, "stop_pos")).isEmpty();
        assertThat(sql(1, "SELECT count(*) FROM _vt.vdiff WHERE stream_states IS NOT NULL")).isEqualTo("0");
    }

    @Test
    void stuckStreamTimesOutThenStopResumeDeleteAndRestartResume() throws SQLException {
        // The target's table lacks a column the source has: the stream fails on the first change and cannot catch up.
        execute(2, "ALTER TABLE broken DROP COLUMN extra");
        int stream = createStream(right, "broken", "commerce", sourcePosition(), new FilterRule("broken", ""));
        execute(0, "INSERT INTO broken VALUES (1, 'a', 7)");
        awaitState(right, stream, "Error");

        VDiffShardReport timedOut = diff(right, "broken", VDiffOptions.newBuilder().setFilteredReplicationWaitTimeSeconds(1).build());
        assertThat(timedOut.getState()).isEqualTo("error");
        assertThat(timedOut.getErrors()).contains("timed out after 1s").contains("stream " + stream);
        assertThat(streamColumn(right, stream, "message")).isNotEqualTo("for vdiff");

        // A vdiff waiting for the stream is running: stop it, resume it, stop it again and delete it.
        VDiffOptions patient = VDiffOptions.newBuilder().setFilteredReplicationWaitTimeSeconds(600).build();
        String uuid = create(right, "broken", patient);
        eventually(() -> "started".equals(show(right, "broken", uuid).getState()) ? true : null);
        action(right, "broken", "stop", uuid);
        assertThat(show(right, "broken", uuid).getState()).isEqualTo("stopped");
        assertThat(streamColumn(right, stream, "stop_pos")).isEmpty();
        assertThat(streamColumn(right, stream, "state")).isNotEqualTo("Stopped");
        action(right, "broken", "resume", uuid);
        eventually(() -> "started".equals(show(right, "broken", uuid).getState()) ? true : null);
        action(right, "broken", "delete", uuid);
        assertThat(action(right, "broken", "show", uuid).getReportsList()).isEmpty();
        assertThat(sql(2, "SELECT count(*) FROM _vt.vdiff_table t JOIN _vt.vdiff v ON v.id = t.vdiff_id WHERE v.vdiff_uuid = '"
                + uuid + "'")).isEqualTo("0");

        // A tablet restart while a vdiff runs: it resumes on the new process and completes once the stream can catch up.
        String restarted = create(right, "broken", patient);
        eventually(() -> "started".equals(show(right, "broken", restarted).getState()) ? true : null);
        right.close();
        assertThat(sql(2, "SELECT state FROM _vt.vdiff WHERE vdiff_uuid = '" + restarted + "'")).isEqualTo("started");
        assertThat(sql(2, "SELECT stream_states FROM _vt.vdiff WHERE vdiff_uuid = '" + restarted + "'")).isNull();
        execute(2, "ALTER TABLE broken ADD COLUMN extra int");
        right = cluster.startRightAgain();
        SourceAndTargets.awaitPrimary(right);
        VDiffShardReport report = awaitFinished(right, "broken", restarted);
        assertThat(report.getState()).as(report.getErrors()).isEqualTo("completed");
        assertThat(report.getHasMismatch()).isFalse();
        assertThat(report.getRowsCompared()).isEqualTo(1);
        assertThat(action(right, "broken", "delete", "all").getReportsList()).isEmpty();
        assertThat(sql(2, "SELECT count(*) FROM _vt.vdiff WHERE workflow = 'broken'")).isEqualTo("0");
    }
}
