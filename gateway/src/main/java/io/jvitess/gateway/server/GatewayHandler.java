package io.jvitess.gateway.server;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.gateway.executor.Executor;
import io.jvitess.gateway.executor.Session;
import io.jvitess.gateway.server.prepared.GatewayPreparedQuery;
import io.jvitess.mysql.server.ConnectionInfo;
import io.jvitess.mysql.server.MysqlHandler;
import io.jvitess.mysql.server.MysqlSession;
import io.jvitess.mysql.server.PreparedQuery;
import io.jvitess.mysql.server.ResultSink;
import io.jvitess.proto.query.Field;
import io.jvitess.sql.split.StatementSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Connects the MySQL protocol server to the executor: one {@link Session} per client connection. */
public final class GatewayHandler implements MysqlHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

    private static final int CLIENT_MULTI_STATEMENTS = 1 << 16;

    private final Executor executor;

    public GatewayHandler(Executor executor) {
        this.executor = requireNonNull(executor, "executor is null");
    }

    @Override
    public MysqlSession openSession(ConnectionInfo connection) {
        Session session = new Session(connection.connectionId(), connection.user());
        connection.initialSchema().filter(schema -> !schema.isEmpty()).ifPresent(schema -> executor.use(session, schema));
        return new GatewaySession(session, (connection.clientCapabilities() & CLIENT_MULTI_STATEMENTS) != 0);
    }

    private final class GatewaySession implements MysqlSession {
        private final Session session;
        private final boolean multiStatements;

        GatewaySession(Session session, boolean multiStatements) {
            this.session = session;
            this.multiStatements = multiStatements;
        }

        @Override
        public void query(String sql, ResultSink sink) {
            List<String> statements = split(sql);
            if (statements.size() > 1 && !multiStatements) {
                // Without CLIENT_MULTI_STATEMENTS MySQL parses the text as one statement, so "a; b" is a syntax error.
                throw VtException.of(VtCode.INVALID_ARGUMENT, SqlState.SYNTAX_ERROR,
                        "syntax error: multiple statements in one query need CLIENT_MULTI_STATEMENTS (allowMultiQueries=true)");
            }
            for (int index = 0; index < statements.size(); index++) {
                sink.send(executor.execute(session, statements.get(index)), index < statements.size() - 1);
            }
        }

        /** One statement only, whatever CLIENT_MULTI_STATEMENTS says, as in MySQL. */
        @Override
        public PreparedQuery prepare(String sql) {
            List<String> statements = split(sql);
            if (statements.size() > 1) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, SqlState.SYNTAX_ERROR,
                        "syntax error: a prepared statement holds one statement, this text has %d", statements.size());
            }
            return GatewayPreparedQuery.prepare(executor, session, statements.getFirst());
        }

        private static List<String> split(String sql) {
            List<String> statements = StatementSplitter.split(sql);
            if (statements.isEmpty()) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, new SqlState(1065, "42000"), "Query was empty");
            }
            return statements;
        }

        @Override
        public void initDb(String schema) {
            executor.use(session, schema);
        }

        @Override
        public List<Field> fieldList(String table, String wildcard) {
            return executor.fieldList(session, table);
        }

        @Override
        public boolean inTransaction() {
            return session.inTransaction();
        }

        @Override
        public boolean autocommit() {
            return session.autocommit();
        }

        @Override
        public int warningCount() {
            return 0;
        }

        @Override
        public void close() {
            try {
                executor.close(session);
            } catch (RuntimeException e) {
                log.debug("cleanup of connection {} failed: {}", session.connectionId(), e.getMessage());
            }
        }
    }
}
