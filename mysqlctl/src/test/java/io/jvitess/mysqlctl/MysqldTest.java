package io.jvitess.mysqlctl;

import static io.jvitess.mysqlctl.LocalMysqlds.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MysqldTest {

    private static LocalMysqlds mysqlds;

    @BeforeAll
    static void createDataRoot() throws IOException {
        mysqlds = new LocalMysqlds();
    }

    @AfterAll
    static void stopAll() throws IOException {
        mysqlds.close();
    }

    @Test
    void initStartsAServerWithTheVitessUsersAndAnEmptyGtidHistory() throws Exception {
        Mysqld mysqld = mysqlds.create(101);

        mysqld.init(TIMEOUT);

        assertThat(mysqld.isInitialized()).isTrue();
        assertThat(mysqld.isRunning()).isTrue();
        assertThat(mysqld.tabletDirectory().getFileName()).hasToString("vt_0000000101");
        assertThat(mysqld.tabletDirectory().resolve("data")).isDirectory();
        try (Connection connection = connect(mysqld, Mysqld.DBA_USER)) {
            assertThat(query(connection, "SELECT CURRENT_USER()")).containsExactly("vt_dba@127.0.0.1");
            assertThat(query(connection, "SELECT @@gtid_binlog_pos")).containsExactly("");
            assertThat(query(connection, "SELECT @@gtid_current_pos")).containsExactly("");
            assertThat(query(connection, "SELECT @@server_id")).containsExactly("101");
            assertThat(query(connection, "SELECT @@gtid_domain_id")).containsExactly("0");
            assertThat(query(connection, "SELECT @@log_bin, @@binlog_format, @@log_slave_updates, @@gtid_strict_mode, @@read_only"))
                    .containsExactly("1", "ROW", "1", "1", "0");
            assertThat(query(connection, "SELECT @@binlog_row_image, @@binlog_row_metadata")).containsExactly("FULL", "FULL");
            // The account setup is not in the binlog, so a replica never replays it.
            assertThat(query(connection, "SELECT COUNT(*) FROM mysql.user WHERE user LIKE 'vt\\_%'")).containsExactly("9");
            assertThat(binlogEvents(connection)).noneMatch(event -> event.contains("vt_dba") || event.contains("GRANT"));
            assertThat(query(connection, "SHOW GRANTS FOR 'vt_dba'@'localhost'")).singleElement(InstanceOfAssertFactories.STRING)
                    .contains("ALL PRIVILEGES").endsWith("WITH GRANT OPTION");
            assertThat(query(connection, "SHOW GRANTS FOR 'vt_filtered'@'127.0.0.1'")).singleElement(InstanceOfAssertFactories.STRING)
                    .contains("ALL PRIVILEGES").doesNotContain("GRANT OPTION");
            assertThat(query(connection, "SHOW GRANTS FOR 'vt_repl'@'%'")).singleElement(InstanceOfAssertFactories.STRING)
                    .contains("REPLICATION SLAVE");
        }
        for (String user : List.of(Mysqld.APP_USER, Mysqld.REPL_USER, Mysqld.FILTERED_USER, Mysqld.ALLPRIVS_USER)) {
            try (Connection connection = connect(mysqld, user)) {
                assertThat(query(connection, "SELECT CURRENT_USER()")).singleElement(InstanceOfAssertFactories.STRING).startsWith(user + "@");
            }
        }
        try (Connection connection = DriverManager.getConnection(mysqld.jdbcUrl("", Mysqld.APP_USER))) {
            assertThat(query(connection, "SELECT CURRENT_USER()")).containsExactly("vt_app@127.0.0.1");
        }
    }

    @Test
    void mysqldRunsInItsOwnSession() throws Exception {
        Mysqld mysqld = mysqlds.create(102);
        mysqld.init(TIMEOUT);

        long pid = mysqld.pid().orElseThrow();

        assertThat(LocalProcesses.sessionId(pid)).hasValue(pid);
        assertThat(LocalProcesses.sessionId(pid)).isNotEqualTo(LocalProcesses.sessionId(ProcessHandle.current().pid()));
        assertThat(Files.readString(mysqld.tabletDirectory().resolve("mysql.pid")).strip()).isEqualTo(Long.toString(pid));
    }

    @Test
    void shutdownStopsTheProcessAndStartKeepsTheData() throws Exception {
        Mysqld mysqld = mysqlds.create(103);
        mysqld.init(TIMEOUT);
        try (Connection connection = connect(mysqld, Mysqld.DBA_USER); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE vt_commerce");
            statement.execute("CREATE TABLE vt_commerce.product (id BIGINT PRIMARY KEY, name VARCHAR(64))");
            statement.execute("INSERT INTO vt_commerce.product VALUES (1, 'keyboard')");
        }
        long firstPid = mysqld.pid().orElseThrow();

        mysqld.shutdown(TIMEOUT);

        assertThat(mysqld.isRunning()).isFalse();
        assertThat(mysqld.pid()).isEmpty();
        assertThat(LocalProcesses.isAlive(firstPid)).isFalse();
        assertThat(acceptsConnections(mysqld.port())).isFalse();
        mysqld.shutdown(TIMEOUT); // no-op when stopped

        mysqld.start(TIMEOUT);

        long secondPid = mysqld.pid().orElseThrow();
        assertThat(secondPid).isNotEqualTo(firstPid);
        try (Connection connection = connect(mysqld, Mysqld.DBA_USER)) {
            assertThat(query(connection, "SELECT name FROM vt_commerce.product WHERE id = 1")).containsExactly("keyboard");
        }
        mysqld.start(TIMEOUT); // no-op when running
        assertThat(mysqld.pid()).hasValue(secondPid);

        mysqld.teardown(TIMEOUT);

        assertThat(LocalProcesses.isAlive(secondPid)).isFalse();
        assertThat(mysqld.tabletDirectory()).doesNotExist();
        assertThat(mysqld.isInitialized()).isFalse();
        mysqld.teardown(TIMEOUT); // no-op when gone
    }

    @Test
    void startRecoversAfterMysqldWasKilled() throws Exception {
        Mysqld mysqld = mysqlds.create(108);
        mysqld.init(TIMEOUT);
        try (Connection connection = connect(mysqld, Mysqld.DBA_USER); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE vt_commerce");
            statement.execute("CREATE TABLE vt_commerce.orders (id BIGINT PRIMARY KEY) ENGINE=InnoDB");
            statement.execute("INSERT INTO vt_commerce.orders VALUES (7)");
        }
        long killedPid = mysqld.pid().orElseThrow();

        ProcessHandle.of(killedPid).orElseThrow().destroyForcibly();
        awaitExit(killedPid);

        assertThat(mysqld.tabletDirectory().resolve("mysql.pid")).as("stale pid file").exists();
        assertThat(mysqld.isRunning()).isFalse();
        mysqld.shutdown(TIMEOUT); // nothing to stop
        mysqld.start(TIMEOUT);
        assertThat(mysqld.pid()).isPresent().isNotEqualTo(OptionalLong.of(killedPid));
        try (Connection connection = connect(mysqld, Mysqld.DBA_USER)) {
            assertThat(query(connection, "SELECT id FROM vt_commerce.orders")).containsExactly("7");
        }
    }

    @Test
    void initOfAnInitializedTabletFailsAndKeepsItsData() throws Exception {
        Mysqld mysqld = mysqlds.create(104);
        mysqld.init(TIMEOUT);
        mysqld.shutdown(TIMEOUT);

        assertThatThrownBy(() -> mysqld.init(TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tablet 104 is already initialized")
                .hasMessageContaining(mysqld.tabletDirectory().resolve("data").toString());

        mysqld.start(TIMEOUT);
        try (Connection connection = connect(mysqld, Mysqld.DBA_USER)) {
            assertThat(query(connection, "SELECT 1")).containsExactly("1");
        }
    }

    @Test
    void startOfAnUninitializedTabletFails() throws IOException {
        Mysqld mysqld = mysqlds.create(105);

        assertThatThrownBy(() -> mysqld.start(TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tablet 105 is not initialized")
                .hasMessageContaining("Call init() first");
        assertThat(mysqld.isRunning()).isFalse();
    }

    @Test
    void startFailsClearlyWhenThePortIsTaken() throws Exception {
        Mysqld mysqld = mysqlds.create(106);
        mysqld.init(TIMEOUT);
        mysqld.shutdown(TIMEOUT);

        try (ServerSocket squatter = new ServerSocket(mysqld.port(), 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            assertThatThrownBy(() -> mysqld.start(TIMEOUT))
                    .isInstanceOf(MysqlctlException.class)
                    .hasMessageContaining("127.0.0.1:" + mysqld.port() + " is already in use");
        }
        assertThat(mysqld.isRunning()).isFalse();
    }

    @Test
    void startReportsTheErrorLogWhenMysqldExits() throws Exception {
        Mysqld initialized = mysqlds.create(107);
        initialized.init(TIMEOUT);
        initialized.shutdown(TIMEOUT);
        MysqldConfig config = initialized.config();
        Mysqld misconfigured = mysqlds.track(new Mysqld(new MysqldConfig(config.tabletUid(), config.mysqlPort(),
                config.vtDataRoot(), config.serverId(), config.mysqldPath(), config.basedir(), List.of("--no-such-flag=1"))));

        assertThatThrownBy(() -> misconfigured.start(TIMEOUT))
                .isInstanceOf(MysqlctlException.class)
                .hasMessageContaining("tablet 107 exited with code")
                .hasMessageContaining("no-such-flag");
    }

    static Connection connect(Mysqld mysqld, String user) throws SQLException {
        return DriverManager.getConnection(mysqld.jdbcUrl(""), user, "");
    }

    static List<String> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int column = 1; column <= columns; column++) {
                    values.add(result.getString(column));
                }
            }
            return values;
        }
    }

    private static List<String> binlogEvents(Connection connection) throws SQLException {
        List<String> events = new ArrayList<>();
        for (String log : firstColumn(connection, "SHOW BINARY LOGS")) {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SHOW BINLOG EVENTS IN '" + log + "'")) {
                while (result.next()) {
                    events.add(result.getString("Info"));
                }
            }
        }
        return events;
    }

    private static List<String> firstColumn(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }

    private static void awaitExit(long pid) throws InterruptedException {
        for (int attempt = 0; attempt < 600 && LocalProcesses.isAlive(pid); attempt++) {
            Thread.sleep(100);
        }
        assertThat(LocalProcesses.isAlive(pid)).as("pid %d still alive after SIGKILL", pid).isFalse();
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
