package io.jvitess.mysql.server;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.mysql.protocol.CapabilityFlags;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.jvitess.mysql.server.Results.field;
import static io.jvitess.mysql.server.Results.resultSet;
import static io.jvitess.mysql.server.Results.row;
import static io.jvitess.mysql.server.Results.single;

/**
 * A stand-in for the gateway: answers a few statements, answers what MariaDB Connector/J and the
 * mariadb CLI send on connect, and records everything it sees.
 */
final class FakeHandler implements MysqlHandler {

    /** Every COM_QUERY text, in arrival order across connections. */
    final List<String> queries = new CopyOnWriteArrayList<>();
    final List<ConnectionInfo> connections = new CopyOnWriteArrayList<>();
    final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    /** Extra statements a test teaches the fake; consulted first, null means "not mine". */
    volatile BiFunction<FakeSession, String, QueryResult> extraStatements = (session, statement) -> null;
    /** Prepares statements for COM_STMT_PREPARE; null leaves MysqlSession's default (Unknown command). */
    volatile Function<String, PreparedQuery> preparer;
    /** Sees each COM_QUERY first; returns true if it answered the query itself. */
    volatile CustomQuery customQuery = (session, sql, sink) -> false;

    @FunctionalInterface
    interface CustomQuery {
        boolean handle(FakeSession session, String sql, ResultSink sink) throws Exception;
    }

    @Override
    public MysqlSession openSession(ConnectionInfo connection) {
        if (connection.initialSchema().filter(schema -> schema.startsWith("missing")).isPresent()) {
            throw unknownDatabase(connection.initialSchema().get());
        }
        connections.add(connection);
        FakeSession session = new FakeSession(connection);
        sessions.add(session);
        return session;
    }

    private static VtException unknownDatabase(String schema) {
        return VtException.of(VtCode.NOT_FOUND, SqlState.BAD_DB, "Unknown database '%s'", schema);
    }

    final class FakeSession implements MysqlSession {

        final ConnectionInfo connection;
        final AtomicInteger closeCount = new AtomicInteger();
        /** Counted down by close(), so tests can wait for it. */
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicInteger resetCount = new AtomicInteger();
        volatile String schema;
        volatile boolean autocommit = true;
        volatile boolean inTransaction;
        volatile int warnings;

        FakeSession(ConnectionInfo connection) {
            this.connection = connection;
            this.schema = connection.initialSchema().orElse("");
        }

        @Override
        public void query(String sql, ResultSink sink) {
            queries.add(sql);
            try {
                if (customQuery.handle(this, sql, sink)) {
                    return;
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            boolean multi = CapabilityFlags.has(connection.clientCapabilities(), CapabilityFlags.CLIENT_MULTI_STATEMENTS);
            List<String> statements = multi ? split(sql) : List.of(sql);
            for (int i = 0; i < statements.size(); i++) {
                sink.send(execute(statements.get(i)), i < statements.size() - 1);
            }
        }

        private QueryResult execute(String statement) {
            QueryResult extra = extraStatements.apply(this, statement);
            if (extra != null) {
                return extra;
            }
            String normalized = statement.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (normalized.startsWith("set autocommit=0") || normalized.startsWith("set autocommit = 0")) {
                autocommit = false;
                return Results.ok();
            }
            if (normalized.startsWith("set ")) {
                return Results.ok();
            }
            switch (normalized) {
                case "begin", "start transaction" -> {
                    inTransaction = true;
                    return Results.ok();
                }
                case "commit", "rollback" -> {
                    inTransaction = false;
                    return Results.ok();
                }
                case "select 1" -> {
                    return single("1", Type.INT64, "1");
                }
                case "select database()" -> {
                    return single("database()", Type.VARCHAR, schema.isEmpty() ? null : schema);
                }
                case "select @@version_comment limit 1" -> {
                    return single("@@version_comment", Type.VARCHAR, "jvitess fake");
                }
                case "select @@max_allowed_packet", "select @@max_allowed_packet , @@wait_timeout",
                     "select @@max_allowed_packet, @@wait_timeout" -> {
                    return resultSet(List.of(field("@@max_allowed_packet", Type.INT64), field("@@wait_timeout", Type.INT64)),
                            List.of(row("67108864", "28800")));
                }
                case "select @@auto_increment_increment" -> {
                    return single("@@auto_increment_increment", Type.INT64, "1");
                }
                case "select @@time_zone, @@system_time_zone" -> {
                    return resultSet(List.of(field("@@time_zone", Type.VARCHAR), field("@@system_time_zone", Type.VARCHAR)),
                            List.of(row("SYSTEM", "UTC")));
                }
                case "select database(), user() limit 1" -> {
                    return resultSet(List.of(field("DATABASE()", Type.VARCHAR), field("USER()", Type.VARCHAR)),
                            List.of(row(schema.isEmpty() ? null : schema, connection.user() + "@" + connection.remoteAddress())));
                }
                case "select typed" -> {
                    return typedResult();
                }
                case "warn" -> {
                    warnings = 2;
                    return Results.ok();
                }
                default -> {
                }
            }
            if (normalized.startsWith("insert")) {
                return Results.ok(3, 42);
            }
            if (normalized.startsWith("update")) {
                return QueryResult.newBuilder().setRowsAffected(7).setInfo("Rows matched: 7  Changed: 7  Warnings: 0").build();
            }
            if (normalized.startsWith("select * from missing")) {
                throw VtException.of(VtCode.NOT_FOUND, SqlState.NO_SUCH_TABLE, "Table 'commerce.missing' doesn't exist");
            }
            if (normalized.equals("boom")) {
                throw new IllegalStateException("boom from the fake handler");
            }
            throw VtException.of(VtCode.INVALID_ARGUMENT, SqlState.SYNTAX_ERROR,
                    "You have an error in your SQL syntax; the fake does not know: %s", abbreviate(statement));
        }

        @Override
        public PreparedQuery prepare(String sql) {
            Function<String, PreparedQuery> current = preparer;
            return current == null ? MysqlSession.super.prepare(sql) : current.apply(sql);
        }

        @Override
        public void initDb(String schema) {
            if (schema.startsWith("missing")) {
                throw unknownDatabase(schema);
            }
            this.schema = schema;
        }

        @Override
        public List<Field> fieldList(String table, String wildcard) {
            if (!table.equals("users")) {
                throw VtException.of(VtCode.NOT_FOUND, SqlState.NO_SUCH_TABLE, "Table '%s' doesn't exist", table);
            }
            return List.of(
                    Field.newBuilder().setName("id").setOrgName("id").setTable("users").setOrgTable("users").setDatabase(schema)
                            .setType(Type.INT64).setColumnLength(20).setFlags(3).build(),
                    Field.newBuilder().setName("name").setOrgName("name").setTable("users").setOrgTable("users").setDatabase(schema)
                            .setType(Type.VARCHAR).setColumnLength(400).build());
        }

        @Override
        public boolean inTransaction() {
            return inTransaction;
        }

        @Override
        public boolean autocommit() {
            return autocommit;
        }

        @Override
        public int warningCount() {
            return warnings;
        }

        @Override
        public void resetConnection() {
            resetCount.incrementAndGet();
            inTransaction = false;
            autocommit = true;
        }

        @Override
        public void close() {
            closeCount.incrementAndGet();
            closed.countDown();
        }
    }

    /** id BIGINT, name VARCHAR, price DECIMAL, big BIGINT UNSIGNED, ratio DOUBLE, day DATE, data VARBINARY; two rows, the second mostly NULL. */
    static QueryResult typedResult() {
        return resultSet(
                List.of(sized("id", Type.INT64, 20), sized("name", Type.VARCHAR, 400), sized("price", Type.DECIMAL, 10),
                        sized("big", Type.UINT64, 20), sized("ratio", Type.FLOAT64, 22), sized("day", Type.DATE, 10),
                        sized("data", Type.VARBINARY, 255)),
                List.of(row("1", "alice", "12.50", "18446744073709551615", "0.25", "2024-02-29", "xyz"),
                        row("-20", "bob", null, null, null, null, null)));
    }

    private static Field sized(String name, Type type, int columnLength) {
        return Results.field(name, type).toBuilder().setColumnLength(columnLength).build();
    }

    /** Splits on semicolons outside quotes; enough for tests. */
    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == ';') {
                if (!current.toString().isBlank()) {
                    statements.add(current.toString());
                }
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank() || statements.isEmpty()) {
            statements.add(current.toString());
        }
        return statements;
    }

    private static String abbreviate(String statement) {
        return statement.length() <= 100 ? statement : statement.substring(0, 100) + "...";
    }
}
