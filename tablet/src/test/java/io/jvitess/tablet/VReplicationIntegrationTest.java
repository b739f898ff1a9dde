package io.jvitess.tablet;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.tabletmanagerdata.VReplicationExecRequest;
import io.jvitess.proto.tabletmanagerdata.VReplicationWaitForPosRequest;
import io.jvitess.proto.tabletmanagerservice.TabletManagerGrpc;
import io.jvitess.tablet.replication.GtidPosition;
import io.jvitess.tablet.vreplication.BinlogSource;
import io.jvitess.tablet.vreplication.VReplicationConfig;
import io.jvitess.tablet.vstreamer.FilterRule;
import io.jvitess.vindexes.SingleColumnVindex;
import io.jvitess.vindexes.VindexRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static io.jvitess.tablet.SourceAndTargets.insertRows;
import static io.jvitess.tablet.TabletTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VReplication streams, created through the VReplicationExec RPC, on the tablets of {@link SourceAndTargets}. */
class VReplicationIntegrationTest {

    private static final VReplicationConfig ENGINE = VReplicationConfig.defaults().withCopyBatchRows(1000)
            .withRetryDelay(Duration.ofMillis(500));
    /** Small chunks on the tablet that is killed mid-copy, so the kill reliably lands inside the copy phase. */
    private static final VReplicationConfig SMALL_CHUNKS = ENGINE.withCopyBatchRows(50);
    /** Larger values measure copy throughput: {@code -Dvreplication.test.productRows=100000}. */
    private static final int PRODUCT_ROWS = Integer.getInteger("vreplication.test.productRows", 6000);
    private static SourceAndTargets cluster;
    private static Vttablet left;
    private static Vttablet right;

    @BeforeAll
    static void start() throws IOException, SQLException {
        cluster = new SourceAndTargets("vreplication-test", 201, ENGINE, SMALL_CHUNKS);
        left = cluster.left();
        right = cluster.right();
        cluster.createTables(
                "CREATE TABLE product (id bigint PRIMARY KEY, name varchar(64) NOT NULL, price decimal(10,2), created datetime(6), "
                        + "note text, flag tinyint unsigned)",
                "CREATE TABLE customer (id bigint PRIMARY KEY, email varbinary(128), region int)",
                "CREATE TABLE big (id int PRIMARY KEY, payload varchar(200), counter int NOT NULL DEFAULT 0)",
                "CREATE TABLE tiny (id int PRIMARY KEY, v varchar(10))");
        try (Connection connection = dba(0); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE vt_commerce.orphan (id int PRIMARY KEY, v varchar(10))");
            statement.execute("INSERT INTO vt_commerce.orphan VALUES (1, 'a'), (2, 'b')");
            statement.execute("INSERT INTO vt_commerce.tiny VALUES (1, 'a'), (2, 'b')");
        }
        try (Connection connection = dba(0)) {
            connection.setAutoCommit(false);
            insertRows(connection, "INSERT INTO vt_commerce.product VALUES (?, ?, ?, ?, ?, ?)", PRODUCT_ROWS, (statement, id) -> {
                statement.setLong(1, id);
                statement.setString(2, "product-" + id + "-ü");
                statement.setBigDecimal(3, new java.math.BigDecimal(id + ".25"));
                statement.setString(4, "2024-01-02 03:04:05." + String.format("%06d", id));
                statement.setString(5, id % 7 == 0 ? null : "note " + id);
                statement.setInt(6, 200 + id % 50);
            });
            SourceAndTargets.insertCustomers(connection, 3000);
            SourceAndTargets.insertBig(connection, 20000);
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

    private static TabletManagerGrpc.TabletManagerBlockingStub manager(Vttablet tablet) {
        return cluster.manager(tablet);
    }

    private static int createStream(Vttablet target, String workflow, FilterRule rule) {
        return createStream(target, workflow, rule, "");
    }

    private static int createStream(Vttablet target, String workflow, FilterRule rule, String stopPosition) {
        String sourceText = new BinlogSource("commerce", "0", List.of(rule), false).toPrototext();
        String sql = "INSERT INTO _vt.vreplication (workflow, source, pos, stop_pos, max_tps, max_replication_lag, cell, tablet_types, "
                + "time_updated, transaction_timestamp, state, db_name, workflow_type, workflow_sub_type, defer_secondary_keys, options) "
                + "VALUES ('" + workflow + "', '" + sourceText.replace("'", "''") + "', '', '" + stopPosition + "', 9223372036854775807, 9223372036854775807, "
                + "'', '', 0, 0, 'Init', 'vt_customer', 1, 0, 0, '{}')";
        QueryResult result = manager(target).vReplicationExec(VReplicationExecRequest.newBuilder().setQuery(sql).build()).getResult();
        assertThat(result.getRowsAffected()).isEqualTo(1);
        return (int) result.getInsertId();
    }

    private static String sourcePosition() throws SQLException {
        try (Connection connection = dba(0); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
            result.next();
            return GtidPosition.MariaDb.parseSet(result.getString(1)).format();
        }
    }

    private static void waitForSource(Vttablet target, int stream) throws SQLException {
        waitForSource(target, stream, 90);
    }

    private static void waitForSource(Vttablet target, int stream, int seconds) throws SQLException {
        manager(target).withDeadlineAfter(seconds, TimeUnit.SECONDS).vReplicationWaitForPos(
                VReplicationWaitForPosRequest.newBuilder().setId(stream).setPosition(sourcePosition()).build());
    }

    private static String streamColumn(int targetIndex, int stream, String column) {
        try (Connection connection = dba(targetIndex);
             PreparedStatement statement = connection.prepareStatement("SELECT " + column + " FROM _vt.vreplication WHERE id = ?")) {
            statement.setInt(1, stream);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitRunning(int targetIndex, int stream) {
        eventually(() -> "Running".equals(streamColumn(targetIndex, stream, "state")) ? true : null);
    }

    private static List<String> rows(int index, String table, Predicate<Long> keep) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dba(index); Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
            try (ResultSet result = statement.executeQuery("SELECT * FROM " + SourceAndTargets.database(index) + "." + table + " ORDER BY id")) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    if (!keep.test(result.getLong(1))) {
                        continue;
                    }
                    StringBuilder row = new StringBuilder();
                    for (int column = 1; column <= columns; column++) {
                        String value = result.getString(column);
                        row.append(value == null ? "NULL" : value).append('|');
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    private static void sourceExecute(String... statements) throws SQLException {
        try (Connection connection = dba(0); Statement statement = connection.createStatement()) {
            statement.execute("USE vt_commerce");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Test
    void moveTablesCopiesThenReplicatesChanges() throws SQLException {
        long started = System.nanoTime();
        int stream = createStream(left, "move_product", new FilterRule("product", "select * from product"));
        awaitRunning(1, stream);
        double seconds = (System.nanoTime() - started) / 1e9;
        // The copy throughput measurement the engine's report quotes (stream creation to state Running).
        System.out.printf("vreplication copy: %d product rows in %.2f s = %.0f rows/s%n", PRODUCT_ROWS, seconds, PRODUCT_ROWS / seconds);
        assertThat(streamColumn(1, stream, "rows_copied")).isEqualTo(Integer.toString(PRODUCT_ROWS));
        assertThat(streamColumn(1, stream, "pos")).startsWith("MariaDB/");
        assertThat(rows(1, "product", id -> true)).hasSize(PRODUCT_ROWS).isEqualTo(rows(0, "product", id -> true));
        try (Connection connection = dba(1); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM _vt.vreplication_log WHERE vrepl_id = " + stream
                     + " AND message = 'Copy phase completed'")) {
            result.next();
            assertThat(result.getInt(1)).isEqualTo(1);
        }

        sourceExecute("INSERT INTO product VALUES (" + (PRODUCT_ROWS + 1) + ", 'new', 1.50, '2025-05-06 07:08:09.123456', NULL, 255)",
                "UPDATE product SET name = 'renamed', price = price * 2 WHERE id BETWEEN 10 AND 19",
                "DELETE FROM product WHERE id IN (3, 4, 5)",
                "UPDATE customer SET region = 9 WHERE id = 1");
        waitForSource(left, stream);
        assertThat(rows(1, "product", id -> true)).hasSize(PRODUCT_ROWS - 2).isEqualTo(rows(0, "product", id -> true));
        assertThat(Long.parseLong(streamColumn(1, stream, "transaction_timestamp"))).isPositive();

        // Stopped is honoured: changes stop flowing until the stream runs again.
        manager(left).vReplicationExec(VReplicationExecRequest.newBuilder()
                .setQuery("UPDATE _vt.vreplication SET state = 'Stopped', message = 'for test' WHERE id = " + stream).build());
        sourceExecute("INSERT INTO product VALUES (" + (PRODUCT_ROWS + 1000) + ", 'while stopped', 1, NULL, NULL, 1)");
        assertThat(rows(1, "product", id -> id == PRODUCT_ROWS + 1000)).isEmpty();
        manager(left).vReplicationExec(VReplicationExecRequest.newBuilder()
                .setQuery("UPDATE _vt.vreplication SET state = 'Running', message = '' WHERE id = " + stream).build());
        waitForSource(left, stream);
        assertThat(rows(1, "product", id -> id == PRODUCT_ROWS + 1000)).hasSize(1);
    }

    @Test
    void reshardStreamsOnlyTheRowsOfItsKeyRange() throws SQLException {
        SingleColumnVindex hash = (SingleColumnVindex) VindexRegistry.standard().create("hash", "hash", Map.of());
        Predicate<Long> inLeft = id -> {
            Destination destination = hash.map(null, List.of(SqlValue.ofLong(id))).getFirst();
            return KeyRanges.contains(KeyRanges.fromShardName("-80"), ((Destination.KeyspaceId) destination).id());
        };
        int leftStream = createStream(left, "reshard", new FilterRule("customer", "-80"));
        int rightStream = createStream(right, "reshard",
                new FilterRule("customer", "select * from customer where in_keyrange(id, 'hash', '80-')"));
        awaitRunning(1, leftStream);
        awaitRunning(2, rightStream);
        sourceExecute("INSERT INTO customer VALUES (5001, 'a', 1), (5002, 'b', 2), (5003, 'c', 3), (5004, 'd', 4)",
                "UPDATE customer SET email = concat(email, '.changed') WHERE id % 10 = 0",
                "DELETE FROM customer WHERE id % 17 = 0");
        waitForSource(left, leftStream);
        waitForSource(right, rightStream);
        List<String> leftRows = rows(1, "customer", id -> true);
        List<String> rightRows = rows(2, "customer", id -> true);
        assertThat(leftRows).isNotEmpty().isEqualTo(rows(0, "customer", inLeft));
        assertThat(rightRows).isNotEmpty().isEqualTo(rows(0, "customer", inLeft.negate()));
        assertThat(leftRows.size() + rightRows.size()).isEqualTo(rows(0, "customer", id -> true).size());
    }

    @Test
    void copyResumesAfterTheTargetTabletIsKilledMidCopy() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            int round = 0;
            try (Connection connection = dba(0); Statement statement = connection.createStatement()) {
                statement.execute("USE vt_commerce");
                while (writing.get()) {
                    round++;
                    statement.execute("UPDATE big SET counter = counter + 1 WHERE id IN (" + (1 + round * 37 % 20000) + ", "
                            + (1 + round * 113 % 20000) + ")");
                    statement.execute("INSERT INTO big VALUES (" + (100000 + round) + ", 'late', 0)");
                    if (round % 5 == 0) {
                        statement.execute("DELETE FROM big WHERE id = " + (1 + round * 7 % 20000));
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
        writer.start();
        try {
            int stream = createStream(right, "move_big", new FilterRule("big", ""));
            eventually(() -> {
                String copied = streamColumn(2, stream, "rows_copied");
                return copied != null && Long.parseLong(copied) >= 1000 ? true : null;
            });
            right.close();
            String lastPk;
            try (Connection connection = dba(2); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT lastpk FROM _vt.copy_state WHERE vrepl_id = " + stream)) {
                assertThat(result.next()).as("copy_state survives the kill").isTrue();
                lastPk = result.getString(1);
            }
            assertThat(lastPk).startsWith("fields:{name:\"id\"");
            long copiedBefore = Long.parseLong(streamColumn(2, stream, "rows_copied"));
            assertThat(copiedBefore).isLessThan(20000);
            assertThat(streamColumn(2, stream, "pos")).startsWith("MariaDB/");

            right = cluster.startRightAgain();
            awaitRunning(2, stream);
            writing.set(false);
            writer.join();
            waitForSource(right, stream);
            assertThat(rows(2, "big", id -> true)).isEqualTo(rows(0, "big", id -> true));
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void failedStreamsGoToErrorAndAreRetried() throws SQLException {
        int stream = createStream(right, "orphan", new FilterRule("orphan", ""));
        eventually(() -> "Error".equals(streamColumn(2, stream, "state")) ? true : null);
        assertThat(streamColumn(2, stream, "message")).contains("orphan").contains("doesn't exist");
        try (Connection connection = dba(2); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE vt_customer.orphan (id int PRIMARY KEY, v varchar(10))");
        }
        awaitRunning(2, stream);
        assertThat(rows(2, "orphan", id -> true)).isEqualTo(rows(0, "orphan", id -> true));

        manager(right).vReplicationExec(VReplicationExecRequest.newBuilder()
                .setQuery("DELETE FROM _vt.vreplication WHERE id = " + stream).build());
        QueryResult remaining = manager(right).vReplicationExec(VReplicationExecRequest.newBuilder()
                .setQuery("SELECT id FROM _vt.vreplication WHERE workflow = 'orphan'").build()).getResult();
        assertThat(remaining.getRowsCount()).isZero();
    }

    @Test
    void stopPositionIsHonoured() throws SQLException {
        int stream = createStream(left, "tiny", new FilterRule("tiny", ""), sourcePosition());
        eventually(() -> "Stopped".equals(streamColumn(1, stream, "state")) ? true : null);
        assertThat(streamColumn(1, stream, "message")).isEqualTo("Reached stopping position for current binlog file");
        assertThat(rows(1, "tiny", id -> true)).isEqualTo(rows(0, "tiny", id -> true));
        sourceExecute("INSERT INTO tiny VALUES (3, 'c')");
        assertThatThrownBy(() -> waitForSource(left, stream, 2))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        assertThat(rows(1, "tiny", id -> id == 3)).isEmpty();
    }
}
