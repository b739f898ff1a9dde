package io.jvitess.mysql.server;

import io.jvitess.mysql.auth.AuthServer;
import io.jvitess.mysql.auth.AuthServers;
import io.jvitess.mysql.auth.NativePassword;
import io.jvitess.mysql.auth.StaticAuthServer;
import io.jvitess.mysql.protocol.CapabilityFlags;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.jvitess.mysql.server.Results.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The server against a real client: MariaDB Connector/J. */
@Timeout(120)
class MysqlServerJdbcTest {

    private final FakeHandler handler = new FakeHandler();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private MysqlServer server;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : cleanup.reversed()) {
            closeable.close();
        }
    }

    private MysqlServer start(MysqlServerConfig config, AuthServer authServer) throws Exception {
        server = new MysqlServer(config, authServer, handler);
        cleanup.add(server);
        server.start();
        return server;
    }

    private MysqlServer start() throws Exception {
        return start(MysqlServerConfig.defaults(0), AuthServers.create("none", Optional.empty()));
    }

    private Connection connect(String pathAndOptions, String user, String password) throws SQLException {
        String separator = pathAndOptions.contains("?") ? "&" : "?";
        Connection connection = DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + server.port() + "/" + pathAndOptions + separator + "sslMode=disable", user, password);
        cleanup.add(connection);
        return connection;
    }

    private Connection connect() throws SQLException {
        return connect("", "app", "secret");
    }

    @Test
    void connectsAndReportsConnectionInfo() throws Exception {
        start();
        try (Statement statement = connect("commerce", "app", "secret").createStatement();
             ResultSet result = statement.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
        }
        ConnectionInfo info = handler.connections.getFirst();
        assertThat(info.user()).isEqualTo("app");
        assertThat(info.initialSchema()).contains("commerce");
        assertThat(info.remoteAddress()).startsWith("127.0.0.1:");
        assertThat(info.connectionId()).isPositive();
        assertThat(info.attributes()).containsEntry("_client_name", "MariaDB Connector/J");
        assertThat(CapabilityFlags.has(info.clientCapabilities(), CapabilityFlags.CLIENT_PROTOCOL_41)).isTrue();
        assertThat(CapabilityFlags.has(info.clientCapabilities(), CapabilityFlags.CLIENT_SSL)).isFalse();
        // Connector/J's session setup; the gateway must accept it.
        assertThat(handler.queries.getFirst()).isEqualTo("set sql_mode=CONCAT(@@sql_mode,',STRICT_TRANS_TABLES'),NAMES utf8mb4");
    }

    @Test
    void selectReturnsTypedColumns() throws Exception {
        start();
        try (Statement statement = connect().createStatement(); ResultSet result = statement.executeQuery("select typed")) {
            ResultSetMetaData metadata = result.getMetaData();
            assertThat(metadata.getColumnCount()).isEqualTo(7);
            assertThat(metadata.getColumnName(1)).isEqualTo("id");
            assertThat(metadata.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(metadata.getColumnType(2)).isEqualTo(Types.VARCHAR);
            assertThat(metadata.getColumnType(3)).isEqualTo(Types.DECIMAL);
            assertThat(metadata.isSigned(4)).isFalse();
            assertThat(metadata.getColumnType(5)).isEqualTo(Types.DOUBLE);
            assertThat(metadata.getColumnType(6)).isEqualTo(Types.DATE);
            assertThat(metadata.getColumnType(7)).isEqualTo(Types.VARBINARY);

            assertThat(result.next()).isTrue();
            assertThat(result.getLong("id")).isEqualTo(1L);
            assertThat(result.getObject("id")).isEqualTo(1L);
            assertThat(result.getString("name")).isEqualTo("alice");
            assertThat(result.getBigDecimal("price")).isEqualByComparingTo(new BigDecimal("12.50"));
            assertThat(result.getObject("big")).isEqualTo(new BigInteger("18446744073709551615"));
            assertThat(result.getDouble("ratio")).isEqualTo(0.25);
            assertThat(result.getObject("day", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(result.getBytes("data")).isEqualTo("xyz".getBytes(StandardCharsets.UTF_8));

            assertThat(result.next()).isTrue();
            assertThat(result.getLong("id")).isEqualTo(-20L);
            assertThat(result.getBigDecimal("price")).isNull();
            assertThat(result.getObject("big")).isNull();
            assertThat(result.getLong("ratio")).isZero();
            assertThat(result.wasNull()).isTrue();
            assertThat(result.getString("day")).isNull();
            assertThat(result.getBytes("data")).isNull();
            assertThat(result.next()).isFalse();
        }
    }

    @Test
    void dmlReportsAffectedRowsAndGeneratedKeys() throws Exception {
        start();
        try (Statement statement = connect().createStatement()) {
            assertThat(statement.executeUpdate("insert into t (name) values ('a'), ('b'), ('c')", Statement.RETURN_GENERATED_KEYS))
                    .isEqualTo(3);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(42L);
            }
            assertThat(statement.executeUpdate("update t set name = 'x'")).isEqualTo(7);
        }
    }

    @Test
    void errorsCarryErrnoAndSqlStateAndTheConnectionSurvives() throws Exception {
        start();
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            SQLException missingTable = catchThrowableOfType(SQLException.class, () -> statement.executeQuery("select * from missing"));
            assertThat(missingTable.getErrorCode()).isEqualTo(1146);
            assertThat(missingTable.getSQLState()).isEqualTo("42S02");
            assertThat(missingTable.getMessage()).contains("Table 'commerce.missing' doesn't exist");

            SQLException handlerBug = catchThrowableOfType(SQLException.class, () -> statement.execute("boom"));
            assertThat(handlerBug.getErrorCode()).isEqualTo(1105);
            assertThat(handlerBug.getSQLState()).isEqualTo("HY000");
            assertThat(handlerBug.getMessage()).contains("boom from the fake handler");

            try (ResultSet result = statement.executeQuery("select 1")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(1);
            }
        }
        assertThat(connection.isValid(5)).isTrue();
    }

    @Test
    void multiStatementQueryReturnsEveryResult() throws Exception {
        start();
        try (Statement statement = connect("?allowMultiQueries=true", "app", "").createStatement()) {
            assertThat(statement.execute("select 1; insert into t values (1); select typed")).isTrue();
            try (ResultSet first = statement.getResultSet()) {
                assertThat(first.next()).isTrue();
                assertThat(first.getInt(1)).isEqualTo(1);
            }
            assertThat(statement.getMoreResults()).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(3);
            assertThat(statement.getMoreResults()).isTrue();
            try (ResultSet third = statement.getResultSet()) {
                assertThat(third.next()).isTrue();
                assertThat(third.getString("name")).isEqualTo("alice");
            }
            assertThat(statement.getMoreResults()).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(-1);
        }
        assertThat(CapabilityFlags.has(handler.connections.getFirst().clientCapabilities(), CapabilityFlags.CLIENT_MULTI_STATEMENTS)).isTrue();
    }

    @Test
    void errorInTheMiddleOfAMultiStatementQueryFollowsTheEarlierResults() throws Exception {
        start();
        try (Statement statement = connect("?allowMultiQueries=true", "app", "").createStatement()) {
            assertThatThrownBy(() -> {
                statement.execute("select 1; select * from missing; select 1");
                while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                    // drain until the error surfaces
                }
            }).isInstanceOfSatisfying(SQLException.class, error -> assertThat(error.getErrorCode()).isEqualTo(1146));
            try (ResultSet result = statement.executeQuery("select 1")) {
                assertThat(result.next()).isTrue();
            }
        }
    }

    @Test
    void twentyMegabyteQueryArrivesIntact() throws Exception {
        start();
        handler.extraStatements = (session, statement) -> statement.startsWith("select length")
                ? single("digest", Type.VARCHAR, statement.length() + ":" + sha256(statement))
                : null;
        StringBuilder sql = new StringBuilder("select length /* ");
        for (int i = 0; sql.length() < 20 * 1024 * 1024; i++) {
            sql.append(i % 10).append("abcdefghij");
        }
        String query = sql.append(" */").toString();
        try (Statement statement = connect().createStatement(); ResultSet result = statement.executeQuery(query)) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo(query.length() + ":" + sha256(query));
        }
    }

    @Test
    void packetOverMaxPacketSizeGetsError1153AndTheConnectionStillWorks() throws Exception {
        start(MysqlServerConfig.defaults(0).withMaxPacketSize(1024), AuthServers.create("none", Optional.empty()));
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            SQLException tooLarge = catchThrowableOfType(SQLException.class,
                    () -> statement.executeQuery("select 1 /* " + "x".repeat(4000) + " */"));
            assertThat(tooLarge.getErrorCode()).isEqualTo(1153);
            assertThat(tooLarge.getSQLState()).isEqualTo("08S01");
            assertThat(tooLarge.getMessage()).contains("Got a packet bigger than 'max_allowed_packet' bytes");
        }
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
        }
        assertThat(handler.queries).noneMatch(query -> query.contains("xxxx"));
    }

    @Test
    void staticAuthAcceptsRightPasswordsAndDeniesWrongOnes() throws Exception {
        AuthServer auth = StaticAuthServer.fromJson("""
                {"alice": [{"Password": "wonderland", "UserData": "alice"}],
                 "bob": {"MysqlNativePassword": "%s", "UserData": "bob-data"},
                 "nopass": [{"UserData": "nopass"}]}
                """.formatted(NativePassword.hashString("builder")));
        start(MysqlServerConfig.defaults(0), auth);

        assertThat(connect("", "alice", "wonderland").isValid(5)).isTrue();
        assertThat(connect("", "bob", "builder").isValid(5)).isTrue();
        assertThat(connect("", "nopass", "").isValid(5)).isTrue();

        for (String[] credentials : new String[][] {{"alice", "wrong"}, {"bob", "wonderland"}, {"mallory", "x"}, {"nopass", "x"}}) {
            SQLException denied = catchThrowableOfType(SQLException.class, () -> connect("", credentials[0], credentials[1]));
            assertThat(denied.getErrorCode()).as("errno for %s", credentials[0]).isEqualTo(1045);
            assertThat(denied.getSQLState()).isEqualTo("28000");
            assertThat(denied.getMessage()).contains("Access denied for user '" + credentials[0] + "'");
        }
        assertThat(handler.connections).extracting(ConnectionInfo::user).containsExactly("alice", "bob", "nopass");
    }

    @Test
    void unknownInitialSchemaRejectsTheConnection() throws Exception {
        start();
        SQLException rejected = catchThrowableOfType(SQLException.class, () -> connect("missing_db", "app", ""));
        assertThat(rejected.getErrorCode()).isEqualTo(1049);
        assertThat(rejected.getSQLState()).isEqualTo("42000");
        assertThat(rejected.getMessage()).contains("Unknown database 'missing_db'");
    }

    @Test
    void initDbChangesSchemaOrReportsTheError() throws Exception {
        start();
        Connection connection = connect();
        connection.setCatalog("customer");
        assertThat(handler.sessions.getFirst().schema).isEqualTo("customer");

        SQLException unknown = catchThrowableOfType(SQLException.class, () -> connection.setCatalog("missing_db"));
        assertThat(unknown.getErrorCode()).isEqualTo(1049);
        assertThat(unknown.getSQLState()).isEqualTo("42000");
        assertThat(handler.sessions.getFirst().schema).isEqualTo("customer");
        assertThat(connection.isValid(5)).isTrue();
    }

    @Test
    void transactionStatusComesFromTheSession() throws Exception {
        start();
        Connection connection = connect();
        assertThat(connection.getAutoCommit()).isTrue();
        connection.setAutoCommit(false);
        assertThat(handler.sessions.getFirst().autocommit).isFalse();
        assertThat(connection.getAutoCommit()).isFalse();
        assertThat(handler.queries).contains("set autocommit=0");
    }

    @Test
    void clientDisconnectMidQueryClosesTheSessionAndTheServerCarriesOn() throws Exception {
        start();
        CountDownLatch queryStarted = new CountDownLatch(1);
        CountDownLatch clientGone = new CountDownLatch(1);
        AtomicReference<Throwable> sendFailure = new AtomicReference<>();
        handler.customQuery = (session, sql, sink) -> {
            if (!sql.equals("select slow")) {
                return false;
            }
            queryStarted.countDown();
            clientGone.await();
            try {
                // Keep streaming until the server notices the client is gone.
                for (int i = 0; i < 1000; i++) {
                    sink.send(single("blob", Type.VARBINARY, "x".repeat(1024 * 1024)), true);
                }
            } catch (UncheckedIOException e) {
                sendFailure.set(e);
                throw e;
            }
            return true;
        };

        // Streaming several results needs multi-statements on.
        Connection doomed = connect("?allowMultiQueries=true", "app", "");
        assertThat(doomed.isValid(5)).isTrue();
        FakeHandler.FakeSession doomedSession = handler.sessions.getFirst();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        cleanup.add(executor::shutdownNow);
        Future<?> pending = executor.submit(() -> {
            try (Statement statement = doomed.createStatement()) {
                statement.executeQuery("select slow");
            }
            return null;
        });
        assertThat(queryStarted.await(30, TimeUnit.SECONDS)).isTrue();
        // A handler busy on one connection does not hold up the others.
        try (Statement other = connect().createStatement(); ResultSet result = other.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
        }
        doomed.abort(Runnable::run);
        clientGone.countDown();

        assertThat(doomedSession.closed.await(30, TimeUnit.SECONDS)).as("session closed").isTrue();
        assertThat(sendFailure.get()).isInstanceOf(UncheckedIOException.class);
        assertThat(doomedSession.closeCount.get()).isEqualTo(1);
        assertThat(pending).failsWithin(30, TimeUnit.SECONDS);
        // Connector/J's abort() kills the busy connection through a second one; the gateway should support KILL.
        assertThat(handler.queries).contains("KILL " + doomedSession.connection.connectionId());
        try (Statement statement = connect().createStatement(); ResultSet result = statement.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
        }
    }

    @Test
    void manyClientsAtOnce() throws Exception {
        start();
        int clients = 16;
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        cleanup.add(executor::shutdownNow);
        List<Future<Integer>> results = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            results.add(executor.submit(() -> {
                int rows = 0;
                try (Connection connection = DriverManager.getConnection(
                        "jdbc:mariadb://127.0.0.1:" + server.port() + "/?sslMode=disable", "app", "");
                     Statement statement = connection.createStatement()) {
                    for (int query = 0; query < 20; query++) {
                        try (ResultSet result = statement.executeQuery("select typed")) {
                            while (result.next()) {
                                rows++;
                            }
                        }
                    }
                }
                return rows;
            }));
        }
        for (Future<Integer> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(40);
        }
        assertThat(handler.sessions).hasSize(clients).allSatisfy(session -> assertThat(session.closed.await(30, TimeUnit.SECONDS)).isTrue());
        assertThat(handler.connections).extracting(ConnectionInfo::connectionId).doesNotHaveDuplicates();
    }

    @Test
    void silentClientIsDisconnectedAfterTheConnectTimeout() throws Exception {
        start(MysqlServerConfig.defaults(0).withConnectTimeout(Duration.ofMillis(200)), AuthServers.create("none", Optional.empty()));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(4);
            int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            byte[] greeting = in.readNBytes(length);
            assertThat(greeting[0]).as("protocol version").isEqualTo((byte) 10);
            // Send nothing: the server gives up on the handshake and closes the socket.
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(handler.sessions).isEmpty();
        assertThat(connect().isValid(5)).isTrue();
    }

    @Test
    void closingTheServerClosesEverySession() throws Exception {
        start();
        List<Connection> clients = List.of(connect(), connect(), connect());
        for (Connection client : clients) {
            assertThat(client.isValid(5)).isTrue();
        }
        assertThat(server.connectionCount()).isEqualTo(3);

        server.close();

        assertThat(handler.sessions).hasSize(3).allSatisfy(session -> assertThat(session.closeCount.get()).isEqualTo(1));
        assertThat(server.connectionCount()).isZero();
        try (Statement statement = clients.getFirst().createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select 1")).isInstanceOf(SQLException.class);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
