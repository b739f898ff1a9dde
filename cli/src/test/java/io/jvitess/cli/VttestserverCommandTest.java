package io.jvitess.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * vttestserver as its own process, as a CI job runs it: Vitess flags, the port layout, a ready
 * line on stdout, and SIGTERM stopping everything including mysqld. The process runs
 * {@code Main vttestserver} on this build's classpath, which is what {@code bin/vttestserver} execs.
 */
class VttestserverCommandTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void servesTheClusterUntilSigtermThenStopsEverything() throws Exception {
        Path schema = schemaDirectory();
        Path dataDirectory = work.resolve("vtdataroot");
        Path pidFile = work.resolve("vttestserver.pid");
        Path stdout = work.resolve("stdout.txt");
        Path stderr = work.resolve("stderr.txt");
        int base = freeBasePort();
        Process process = new ProcessBuilder(List.of(javaBinary(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.jvitess.cli.Main", "vttestserver",
                "--keyspaces", "commerce,customer", "--num_shards", "1,2", "--schema_dir", schema.toString(),
                "--port", Integer.toString(base), "--mysql-bind-host", "127.0.0.1", "--data_dir", dataDirectory.toString(),
                "--replica_count", "1", "--rdonly-count", "0", "--pid-file", pidFile.toString(),
                "--foreign_key_mode=allow"))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            String ready = awaitReadyLine(process, stdout, stderr);
            assertThat(ready).contains("MySQL clients connect to 127.0.0.1:" + (base + 3))
                    .contains("vtctldclient --server 127.0.0.1:" + (base + 1));
            assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(process.pid()));

            try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + (base + 3) + "/commerce?sslMode=disable", "app", "");
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into product(sku, description, price) values ('SKU-1', 'Monitor', 100)");
                assertThat(count(statement, "select count(*) from product")).isEqualTo(1);
                assertThat(count(statement, "show vitess_tablets")).as("primary + replica for 3 shards, no rdonly").isEqualTo(6);
            }
            Path mysqldPidFile = dataDirectory.resolve("vt_0000000001/mysql.pid");
            long mysqldPid = Long.parseLong(Files.readString(mysqldPidFile).strip());
            try (Connection mysqld = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + (base + 2) + "/?sslMode=disable", "vt_dba", "")) {
                assertThat(mysqld.isValid(5)).as("mysqld listens on --port+2").isTrue();
            }

            process.destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("vttestserver exits on SIGTERM").isTrue();
            assertThat(ProcessHandle.of(mysqldPid).map(ProcessHandle::isAlive).orElse(false)).as("mysqld is stopped").isFalse();
            assertThat(pidFile).doesNotExist();
            assertThat(dataDirectory.resolve("vt_0000000001")).as("the test mysqld's files are removed").doesNotExist();
            assertThat(Files.readString(stderr)).contains("ignored flags not used by jvitess: [--foreign_key_mode=allow]");
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void refusesMismatchedKeyspaceAndShardCounts() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = Main.run(new String[] {"vttestserver", "--keyspaces", "a,b", "--num_shards", "1"});
        } finally {
            System.setErr(originalErr);
        }
        assertThat(exitCode).isEqualTo(1);
        assertThat(errors.toString(StandardCharsets.UTF_8))
                .contains("E vttestserver: --keyspaces and --num_shards need one entry each per keyspace: got 2 keyspaces [a, b] and 1 shard counts [1]");
    }

    private Path schemaDirectory() throws IOException {
        Path root = projectRoot();
        Path schema = work.resolve("schema");
        Files.createDirectories(schema.resolve("commerce"));
        Files.createDirectories(schema.resolve("customer"));
        Files.copy(root.resolve("examples/local/create_commerce_schema.sql"), schema.resolve("commerce/create_commerce_schema.sql"));
        Files.copy(root.resolve("examples/local/vschema_commerce_initial.json"), schema.resolve("commerce/vschema.json"));
        Files.writeString(schema.resolve("customer/customer.sql"),
                "create table customer(customer_id bigint not null, email varbinary(128), primary key(customer_id));");
        Files.writeString(schema.resolve("customer/vschema.json"), """
                {"sharded": true, "vindexes": {"hash": {"type": "hash"}},
                 "tables": {"customer": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]}}}
                """);
        return schema;
    }

    private static String awaitReadyLine(Process process, Path stdout, Path stderr) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
                if (line.startsWith("vttestserver is ready")) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("vttestserver exited with " + process.exitValue() + ":\n" + Files.readString(stderr));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("vttestserver was not ready within " + START_TIMEOUT + ":\n" + Files.readString(stderr));
    }

    private static long count(Statement statement, String sql) throws SQLException {
        long rows = 0;
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows = sql.startsWith("select count") ? result.getLong(1) : rows + 1;
            }
        }
        return rows;
    }

    /** A base port whose +1, +2 and +3 are free on the loopback address right now. */
    private static int freeBasePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (free(base + 1) && free(base + 2) && free(base + 3)) {
                return base;
            }
        }
        throw new AssertionError("no block of free ports found");
    }

    private static boolean free(int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path projectRoot() {
        String configured = System.getProperty("jvitess.projectRoot");
        Path candidate = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (candidate != null && !Files.exists(candidate.resolve("mvnw"))) {
            candidate = candidate.getParent();
        }
        if (candidate == null) {
            throw new IllegalStateException("cannot find the project root (the directory holding mvnw)");
        }
        return candidate;
    }
}
