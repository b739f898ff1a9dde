package io.jvitess.tablet.vstreamer;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.mysqlctl.MysqldConfig;
import io.jvitess.tablet.replication.GtidPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The copy-phase snapshot against a real mysqld: its GTID position matches exactly the rows it sees. */
class RowStreamerIntegrationTest {

    private static Mysqld mysqld;
    private static SourceEndpoint endpoint;

    @BeforeAll
    static void start() throws IOException, SQLException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        mysqld = new Mysqld(MysqldConfig.of(301, port, Files.createTempDirectory("rowstreamer-test")));
        mysqld.init(Duration.ofMinutes(2));
        try (Connection connection = dba(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE vt_src");
            statement.execute("CREATE TABLE vt_src.events (id int PRIMARY KEY AUTO_INCREMENT, v varchar(20))");
            statement.execute("CREATE TABLE vt_src.pairs (a int, b varchar(10), c int, PRIMARY KEY (a, b))");
            statement.execute("INSERT INTO vt_src.pairs VALUES (1, 'x', 1), (1, 'y', 2), (2, 'a', 3), (2, 'b', 4), (3, 'a', 5)");
        }
        endpoint = new SourceEndpoint("127.0.0.1", port, Mysqld.DBA_USER, "", "vt_src");
    }

    @AfterAll
    static void stop() {
        if (mysqld != null) {
            mysqld.teardown(Duration.ofSeconds(30));
        }
    }

    private static Connection dba() throws SQLException {
        return DriverManager.getConnection(mysqld.jdbcUrl("", Mysqld.DBA_USER), Mysqld.DBA_USER, "");
    }

    private static long sequence(GtidPosition position) {
        return ((GtidPosition.MariaDb) position).domains().get(0L)[1];
    }

    @Test
    void snapshotPositionMatchesTheRowsItSeesUnderConcurrentWrites() throws Exception {
        long base;
        try (RowStreamer before = RowStreamer.open(endpoint)) {
            base = sequence(before.position());
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try (Connection connection = dba(); Statement statement = connection.createStatement()) {
                while (writing.get()) {
                    // one row per transaction, so each GTID is exactly one more row
                    statement.execute("INSERT INTO vt_src.events (v) VALUES ('x')");
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
        writer.start();
        long largestSnapshot = 0;
        try {
            for (int round = 0; round < 10; round++) {
                Thread.sleep(50);
                try (RowStreamer snapshot = RowStreamer.open(endpoint)) {
                    TablePlan plan = new TablePlan("events", Optional.empty());
                    int seen = 0;
                    Optional<List<SqlValue>> lastPk = Optional.empty();
                    while (true) {
                        RowChunk chunk = snapshot.next(plan, List.of("id"), lastPk, 100);
                        seen += chunk.rows().size();
                        lastPk = chunk.lastPk();
                        if (chunk.finished()) {
                            break;
                        }
                        Thread.sleep(5);
                    }
                    assertThat(seen).as("rows visible in snapshot at %s", snapshot.position())
                            .isEqualTo(sequence(snapshot.position()) - base);
                    largestSnapshot = Math.max(largestSnapshot, seen);
                }
            }
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(largestSnapshot).as("the writer ran during the snapshots").isPositive();
    }

    @Test
    void readsCompositeKeysInOrderAfterTheLastKey() {
        try (RowStreamer snapshot = RowStreamer.open(endpoint)) {
            assertThat(snapshot.tables()).containsExactly("events", "pairs");
            assertThat(snapshot.primaryKey("pairs")).containsExactly("a", "b");
            TablePlan plan = new TablePlan("pairs", Optional.empty());
            List<String> seen = new ArrayList<>();
            Optional<List<SqlValue>> lastPk = Optional.empty();
            RowChunk chunk;
            do {
                chunk = snapshot.next(plan, List.of("a", "b"), lastPk, 2);
                chunk.rows().forEach(row -> seen.add(row.get(0).text() + row.get(1).text()));
                lastPk = chunk.lastPk();
            } while (!chunk.finished());
            assertThat(seen).containsExactly("1x", "1y", "2a", "2b", "3a");
            assertThat(lastPk.orElseThrow().get(0)).isEqualTo(SqlValue.ofLong(3));
        }
    }
}
