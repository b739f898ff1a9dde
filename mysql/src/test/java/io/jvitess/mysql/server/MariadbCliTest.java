package io.jvitess.mysql.server;

import io.jvitess.mysql.auth.AuthServer;
import io.jvitess.mysql.auth.AuthServers;
import io.jvitess.mysql.auth.StaticAuthServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The server against the real {@code mariadb} command-line client (libmariadb, classic EOF packets). */
@Timeout(120)
class MariadbCliTest {

    private static final Path CLI = Path.of("/usr/bin/mariadb");
    private static final Path ADMIN = Path.of("/usr/bin/mariadb-admin");

    private final FakeHandler handler = new FakeHandler();
    private MysqlServer server;

    @TempDir
    Path temp;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void requireCli() {
        assumeTrue(Files.isExecutable(CLI), "the mariadb client is not installed at " + CLI);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private void start(AuthServer authServer) throws IOException {
        server = new MysqlServer(MysqlServerConfig.defaults(0), authServer, handler);
        server.start();
    }

    private void start() throws IOException {
        start(AuthServers.create("none", Optional.empty()));
    }

    private Run run(Path program, String stdin, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(program.toString(), "--no-defaults", "-h", "127.0.0.1", "-P", String.valueOf(server.port())));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(temp, "stdout", ".txt");
        Path err = Files.createTempFile(temp, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("client hung: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void tableOutputShowsTypedColumns() throws Exception {
        start();
        Run run = run(CLI, "", "-u", "app", "--table", "-e", "select typed");

        // Numbers are right-aligned only if the column types map to MySQL numeric types.
        assertThat(run.stdout()).isEqualTo("""
                +------+-------+-------+----------------------+-------+------------+------+
                | id   | name  | price | big                  | ratio | day        | data |
                +------+-------+-------+----------------------+-------+------------+------+
                |    1 | alice | 12.50 | 18446744073709551615 |  0.25 | 2024-02-29 | xyz  |
                |  -20 | bob   |  NULL |                 NULL |  NULL | NULL       | NULL |
                +------+-------+-------+----------------------+-------+------------+------+
                """);
        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).isEmpty();
        // With -e the client sends nothing but the statement.
        assertThat(handler.queries).containsExactly("select typed");
        assertThat(handler.connections.getFirst().attributes()).containsEntry("_client_name", "libmariadb");
        // The client quits without waiting, so the close happens on the server's own time.
        assertThat(handler.sessions.getFirst().closed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(handler.sessions.getFirst().closeCount.get()).isEqualTo(1);
    }

    @Test
    void batchScriptFromStdin() throws Exception {
        start();
        Run run = run(CLI, """
                select 1;
                use customer;
                select database();
                insert into t values (1);
                select typed;
                """, "-u", "app");

        assertThat(run.stdout()).isEqualTo("""
                1
                1
                database()
                customer
                id\tname\tprice\tbig\tratio\tday\tdata
                1\talice\t12.50\t18446744073709551615\t0.25\t2024-02-29\txyz
                -20\tbob\tNULL\tNULL\tNULL\tNULL\tNULL
                """);
        assertThat(run.exitCode()).isZero();
        // "use" asks for the current schema, then sends COM_INIT_DB (not a query).
        assertThat(handler.queries).containsExactly("select 1", "SELECT DATABASE()", "select database()", "insert into t values (1)", "select typed");
        assertThat(handler.sessions.getFirst().schema).isEqualTo("customer");
    }

    @Test
    void errorsStopTheScriptWithMysqlStyleMessages() throws Exception {
        start();
        Run missingTable = run(CLI, "select 1;\nselect * from missing;\nselect 1;\n", "-u", "app");
        assertThat(missingTable.exitCode()).isEqualTo(1);
        assertThat(missingTable.stdout()).isEqualTo("1\n1\n");
        // The 10.x client echoes the failed statement before the error.
        assertThat(missingTable.stderr()).isEqualTo("""
                --------------
                select * from missing
                --------------

                ERROR 1146 (42S02) at line 2: Table 'commerce.missing' doesn't exist
                """);

        Run missingDatabase = run(CLI, "use missing_db;\n", "-u", "app");
        assertThat(missingDatabase.exitCode()).isEqualTo(1);
        assertThat(missingDatabase.stderr()).endsWith("ERROR 1049 (42000) at line 1: Unknown database 'missing_db'\n");
        assertThat(handler.sessions.getLast().schema).isEmpty();

        Run unknownInitialDatabase = run(CLI, "", "-u", "app", "-D", "missing_db", "-e", "select 1");
        assertThat(unknownInitialDatabase.exitCode()).isEqualTo(1);
        assertThat(unknownInitialDatabase.stderr()).isEqualTo("ERROR 1049 (42000): Unknown database 'missing_db'\n");
    }

    @Test
    void okPacketsCarryAffectedRowsInfoAndWarnings() throws Exception {
        start();
        Run run = run(CLI, "", "-u", "app", "-vv", "-e", "insert into t values (1); update t set a = 1; warn");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout())
                .contains("Query OK, 3 rows affected")
                .contains("Query OK, 7 rows affected")
                .contains("Rows matched: 7  Changed: 7  Warnings: 0")
                .contains("Query OK, 0 rows affected, 2 warnings");
    }

    @Test
    void staticAuthWithTheCli() throws Exception {
        Path users = temp.resolve("users.json");
        Files.writeString(users, """
                {"alice": [{"Password": "wonderland", "UserData": "alice"}]}
                """);
        start(AuthServers.create("static", Optional.of(users)));
        assertThat(AuthServers.create("static", Optional.of(users))).isInstanceOf(StaticAuthServer.class);

        Run accepted = run(CLI, "", "-u", "alice", "--password=wonderland", "-e", "select 1");
        assertThat(accepted.exitCode()).isZero();
        assertThat(accepted.stdout()).isEqualTo("1\n1\n");

        Run denied = run(CLI, "", "-u", "alice", "--password=wrong", "-e", "select 1");
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.stderr()).isEqualTo("ERROR 1045 (28000): Access denied for user 'alice'\n");
        assertThat(handler.connections).hasSize(1);
    }

    @Test
    void adminPingAndStatus() throws Exception {
        assumeTrue(Files.isExecutable(ADMIN), "mariadb-admin is not installed");
        start();
        Run ping = run(ADMIN, "", "-u", "app", "ping");
        assertThat(ping.exitCode()).isZero();
        assertThat(ping.stdout()).isEqualTo("mysqld is alive\n");

        Run status = run(ADMIN, "", "-u", "app", "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.stdout()).matches("Uptime: \\d+  Threads: 1  Questions: 0  Slow queries: 0  Opens: 0  Open tables: 0  Queries per second avg: 0\\.000\\n");
    }
}
