package io.jvitess.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's first chapter, for real: the local example scripts start ZooKeeper, vtctld, three
 * mysqld + vttablet processes and vtgate; the mariadb CLI and Connector/J talk to vtgate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {

    private static final int VTGATE_PORT = 15306;
    private static final List<Integer> CLUSTER_PORTS = List.of(15306, 15999, 21811, 16100, 16101, 16102, 17100, 17101, 17102);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    private static Path projectRoot;
    private static Path dataRoot;
    private static Shell shell;
    private static ClusterClients clients;
    private static boolean tornDown;

    @BeforeAll
    static void startCluster() throws IOException {
        projectRoot = Vttestserver.projectRoot();
        dataRoot = Files.createTempDirectory("jvitess-e2e");
        shell = new Shell(projectRoot, Map.of("VTDATAROOT", dataRoot.toString(), "JVITESS_SKIP_BUILD", "1"));
        clients = new ClusterClients(shell, VTGATE_PORT, 15999);
        for (int port : CLUSTER_PORTS) {
            assertThat(Probes.listening(port)).as("port %d must be free for the local cluster test (is a cluster running?)", port).isFalse();
        }
        shell.run(SCRIPT_TIMEOUT, List.of("examples/local/101_initial_cluster.sh")).assertSuccess();
    }

    @AfterAll
    static void stopCluster() {
        if (!tornDown && shell != null) {
            shell.run(SCRIPT_TIMEOUT, List.of("examples/local/501_teardown.sh"));
        }
    }

    @Test
    @Order(1)
    void seedDataRoundTripsThroughTheMariadbClient() throws IOException {
        Path common = projectRoot.resolve("examples/common");
        clients.mariadb(List.of(), common.resolve("insert_commerce_data.sql")).assertSuccess();
        // Line-buffered like a terminal, so the script's \! echo banners interleave with the tables as users see them.
        Shell.Result select = shell.run(Duration.ofMinutes(1), List.of("stdbuf", "-oL", "mariadb", "--no-defaults", "-h", "127.0.0.1",
                "-P", Integer.toString(VTGATE_PORT), "--table"), common.resolve("select_commerce_data.sql")).assertSuccess();
        assertThat(select.stdout()).isEqualTo(ClusterClients.resource("select_commerce_data.expected"));
    }

    @Test
    @Order(2)
    void showVitessTabletsListsPrimaryReplicaAndRdonlyServing() {
        List<String[]> rows = vitessTablets();
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(row -> row[3]).containsExactlyInAnyOrder("PRIMARY", "REPLICA", "RDONLY");
        assertThat(rows).extracting(row -> row[4]).containsOnly("SERVING");
        assertThat(rows).extracting(row -> row[1] + "/" + row[2]).containsOnly("commerce/0");
        String[] primary = rows.stream().filter(row -> row[3].equals("PRIMARY")).findFirst().orElseThrow();
        assertThat(primary[7]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    @Order(3)
    void writesAreReadBackFromReplicaAndRdonly() throws SQLException {
        try (Connection connection = gateway("commerce")) {
            execute(connection, "insert into product(sku, description, price) values ('SKU-2001', 'Mouse', 20)");
        }
        for (String target : List.of("commerce@replica", "commerce@rdonly")) {
            String description = Probes.eventually(Duration.ofSeconds(20), () -> queryValue(target, "select description from product where sku = 'SKU-2001'"));
            assertThat(description).as("read through %s", target).isEqualTo("Mouse");
        }
        Shell.Result cli = clients.mariadb(List.of("--batch", "--skip-column-names", "-e", "use commerce@replica; select price from product where sku = 'SKU-2001'"), null)
                .assertSuccess();
        assertThat(cli.stdout().strip()).isEqualTo("20");
    }

    @Test
    @Order(4)
    void transactionsCommitAndRollBackOnTheShard() throws SQLException {
        try (Connection connection = gateway("commerce")) {
            connection.setAutoCommit(false);
            execute(connection, "insert into product(sku, description, price) values ('SKU-3001', 'Rolled back', 1)");
            assertThat(queryValue(connection, "select count(*) from product where sku = 'SKU-3001'")).isEqualTo("1");
            connection.rollback();
            execute(connection, "insert into product(sku, description, price) values ('SKU-3002', 'Committed', 2)");
            connection.commit();
            connection.setAutoCommit(true);
        }
        try (Connection other = gateway("commerce")) {
            assertThat(queryValue(other, "select count(*) from product where sku = 'SKU-3001'")).isEqualTo("0");
            assertThat(queryValue(other, "select count(*) from product where sku = 'SKU-3002'")).isEqualTo("1");
            try (Statement statement = other.createStatement()) {
                statement.execute("begin; update product set price = 3 where sku = 'SKU-3002'; commit");
            }
            assertThat(queryValue(other, "select price from product where sku = 'SKU-3002'")).isEqualTo("3");
        }
    }

    @Test
    @Order(5)
    void badInputGetsMysqlErrorsAndTheGatewayStaysUp() throws Exception {
        try (Connection connection = gateway("")) {
            assertError(connection, "selec * from customer", 1064, "42000");
            assertError(connection, "use nosuchkeyspace", 1049, "42000");
            assertError(connection, "select * from commerce.nosuchtable", 1146, "42S02");
            String huge = "select '" + "x".repeat(20 * 1024 * 1024) + "'";
            assertError(connection, huge, 1153, "08S01");
            assertThat(queryValue(connection, "select 1")).isEqualTo("1");
        }
        Shell.Result cli = clients.mariadb(List.of("-e", "select * from commerce.nosuchtable"), null);
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.stderr()).contains("ERROR 1146 (42S02)").contains("doesn't exist");

        var executor = Executors.newSingleThreadExecutor();
        try (Connection slow = gateway("commerce")) {
            Future<?> running = executor.submit(() -> {
                try (Statement statement = slow.createStatement()) {
                    statement.executeQuery("select sleep(5)");
                }
                return null;
            });
            Thread.sleep(500);
            slow.abort(Runnable::run);
            running.cancel(true);
        } catch (SQLException expected) {
            // closing an aborted connection may report the abort
        } finally {
            executor.shutdownNow();
        }
        assertThat(queryValue("commerce", "select count(*) from customer")).isEqualTo("5");
    }

    @Test
    @Order(6)
    void vtctldclientManagesTheTopology() {
        Shell.Result keyspace = clients.vtctldclient("GetKeyspace", "commerce").assertSuccess();
        assertThat(keyspace.stdout()).contains("\"name\": \"commerce\"").contains("\"sidecar_db_name\": \"_vt\"")
                .contains("\"durability_policy\": \"semi_sync\"");
        List<String> tablets = clients.vtctldclient("GetTablets", "--keyspace", "commerce").assertSuccess().stdout().lines().toList();
        assertThat(tablets).hasSize(3);
        assertThat(tablets).anyMatch(line -> line.matches("zone1-0000000102 commerce 0 rdonly localhost:15102 localhost:17102 \\[] <null>"));
        assertThat(clients.vtctldclient("GetShard", "commerce/0").assertSuccess().stdout()).contains("\"primary_alias\": {");
        assertThat(clients.vtctldclient("GetSchema", "--table-names-only", "zone1-0000000100").assertSuccess().stdout().lines())
                .containsExactly("corder", "customer", "product");
        assertThat(clients.vtctldclient("GetVSchema", "commerce").assertSuccess().stdout()).contains("\"corder\"");

        Shell.Result invalid = clients.vtctldclient("ApplyVSchema", "--vschema", "{\"sharded\": true, \"tables\": {\"t\": {}}}", "commerce");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.stderr()).contains("missing primary col vindex for table: t");
        Shell.Result unknown = clients.vtctldclient("GetKeyspace", "nosuch");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("nosuch");
    }

    @Test
    @Order(7)
    void staticAuthRejectsAWrongPassword() throws Exception {
        Path credentials = dataRoot.resolve("creds.json");
        Files.writeString(credentials, "{\"app\": [{\"Password\": \"s3cret\", \"UserData\": \"app\"}]}");
        Path pidFile = dataRoot.resolve("tmp/vtgate-auth.pid");
        int port = 15317;
        ProcessBuilder builder = new ProcessBuilder(projectRoot.resolve("bin/vtgate").toString(),
                "--topo-global-server-address", "localhost:21811", "--cell", "zone1", "--mysql-server-port", Integer.toString(port),
                "--mysql-auth-server-impl", "static", "--mysql-auth-server-static-file", credentials.toString(),
                "--pid-file", pidFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataRoot.resolve("tmp/vtgate-auth.out").toFile());
        Process vtgate = builder.start();
        try {
            Probes.eventually(Duration.ofSeconds(60), () -> Probes.listening(port) ? "up" : null);
            try (Connection connection = DriverManager.getConnection(url(port, "commerce"), "app", "s3cret")) {
                assertThat(queryValue(connection, "select count(*) from customer")).isEqualTo("5");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url(port, "commerce"), "app", "wrong"))
                    .isInstanceOfSatisfying(SQLException.class, error -> {
                        assertThat(error.getErrorCode()).isEqualTo(1045);
                        assertThat(error.getSQLState()).isEqualTo("28000");
                    });
            Shell.Result cli = shell.run(Duration.ofSeconds(30), List.of("mariadb", "--no-defaults", "-h", "127.0.0.1", "-P",
                    Integer.toString(port), "-u", "app", "-pwrong", "-e", "select 1"));
            assertThat(cli.exitCode()).isNotZero();
            assertThat(cli.stderr()).contains("ERROR 1045 (28000)");
        } finally {
            vtgate.destroy();
            if (!vtgate.waitFor(20, TimeUnit.SECONDS)) {
                vtgate.destroyForcibly();
            }
        }
    }

    @Test
    @Order(8)
    void aKilledReplicaTabletStopsServingAndComesBackCaughtUp() throws Exception {
        String[] replica = vitessTablets().stream().filter(row -> row[3].equals("REPLICA")).findFirst().orElseThrow();
        String alias = replica[5];
        int uid = Integer.parseInt(alias.substring(alias.indexOf('-') + 1));
        Path pidFile = dataRoot.resolve(String.format("vt_%010d/vttablet.pid", uid));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        shell.run(Duration.ofSeconds(10), List.of("kill", "-9", Long.toString(pid))).assertSuccess();

        Probes.eventually(Duration.ofSeconds(10), () -> stateOf(alias).equals("NOT_SERVING") ? "down" : null);
        try (Connection connection = gateway("commerce")) {
            execute(connection, "insert into product(sku, description, price) values ('SKU-4001', 'While down', 40)");
        }
        assertThat(queryValue("commerce@replica", "select count(*) from product where sku = 'SKU-4001'")).isEqualTo("1");

        Shell.Result restart = new Shell(projectRoot, Map.of("VTDATAROOT", dataRoot.toString(), "TABLET_UID", Integer.toString(uid),
                "KEYSPACE", "commerce", "CELL", "zone1")).run(Duration.ofMinutes(2), List.of("examples/common/scripts/vttablet-up.sh"));
        restart.assertSuccess();
        Probes.eventually(Duration.ofSeconds(60), () -> stateOf(alias).equals("SERVING") ? "up" : null);
        assertThat(vitessTablets()).extracting(row -> row[4]).containsOnly("SERVING");
        String readBack = Probes.eventually(Duration.ofSeconds(20), () -> queryValue("commerce@replica", "select description from product where sku = 'SKU-4001'"));
        assertThat(readBack).isEqualTo("While down");
    }

    @Test
    @Order(9)
    void teardownLeavesNoProcessAndNoPort() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> files = Files.find(dataRoot, 3, (path, attributes) -> path.getFileName().toString().endsWith(".pid"))) {
            for (Path file : files.toList()) {
                pids.add(Long.parseLong(Files.readString(file).strip()));
            }
        }
        assertThat(pids).hasSizeGreaterThanOrEqualTo(3 + 3 + 3);
        shell.run(SCRIPT_TIMEOUT, List.of("examples/local/501_teardown.sh")).assertSuccess();
        tornDown = true;
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d still running", pid).isEmpty();
        }
        for (int port : CLUSTER_PORTS) {
            assertThat(Probes.listening(port)).as("port %d still open", port).isFalse();
        }
    }

    private static List<String[]> vitessTablets() {
        Shell.Result result = clients.mariadb(List.of("--batch", "--skip-column-names", "-e", "show vitess_tablets"), null).assertSuccess();
        return result.stdout().lines().map(line -> line.split("\t", -1)).toList();
    }

    private static String stateOf(String alias) {
        return vitessTablets().stream().filter(row -> row[5].equals(alias)).map(row -> row[4]).findFirst().orElse("missing");
    }

    private static Connection gateway(String target) throws SQLException {
        return DriverManager.getConnection(url(VTGATE_PORT, target), "root", "");
    }

    private static String url(int port, String target) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + target + "?sslMode=disable&allowMultiQueries=true&connectTimeout=10000";
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryValue(String target, String sql) {
        try (Connection connection = gateway(target)) {
            return queryValue(connection, sql);
        } catch (SQLException e) {
            return null;
        }
    }

    private static String queryValue(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    private static void assertError(Connection connection, String sql, int errno, String sqlState) {
        assertThatThrownBy(() -> execute(connection, sql))
                .as("error for %s", sql.length() > 80 ? sql.substring(0, 80) + "..." : sql)
                .isInstanceOfSatisfying(SQLException.class, error -> {
                    assertThat(error.getErrorCode()).isEqualTo(errno);
                    assertThat(error.getSQLState()).isEqualTo(sqlState);
                });
    }

}
