package io.jvitess.mysql.server;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.mysql.protocol.ServerStatus;
import io.jvitess.proto.query.QueryResult;

import java.io.IOException;
import java.io.UncheckedIOException;

import static java.util.Objects.requireNonNull;

/**
 * The {@link ResultSink} of one COM_QUERY. It tracks where the response stands so the connection
 * can end it correctly: an ERR may follow results that promised more, but nothing may follow the
 * final result, and a query that sent nothing (or only "more follows") still owes the client an OK.
 */
final class QueryResponder implements ResultSink {

    private final ResponseWriter writer;
    private final MysqlSession session;
    private final boolean multiStatements;
    private boolean finished;
    private boolean closed;

    QueryResponder(ResponseWriter writer, MysqlSession session, boolean multiStatements) {
        this.writer = requireNonNull(writer, "writer is null");
        this.session = requireNonNull(session, "session is null");
        this.multiStatements = multiStatements;
    }

    @Override
    public void send(QueryResult result, boolean moreResults) {
        requireNonNull(result, "result is null");
        if (closed) {
            throw new IllegalStateException("a result was sent after query() returned");
        }
        if (finished) {
            throw new IllegalStateException("a result was sent after the final one (moreResults=false)");
        }
        if (moreResults && !multiStatements) {
            // The client cannot read a second result; MySQL rejects such input as a syntax error.
            throw VtException.of(VtCode.INVALID_ARGUMENT, SqlState.SYNTAX_ERROR,
                    "multiple statements in one query need CLIENT_MULTI_STATEMENTS, which this connection has off");
        }
        int warnings = result.getWarnings() != 0 ? result.getWarnings() : session.warningCount();
        int status = ServerStatus.of(session.inTransaction(), session.autocommit(), moreResults);
        try {
            writer.writeResult(result, status, warnings);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("client connection lost while sending results: " + e.getMessage(), e);
        }
        finished = !moreResults;
    }

    /** True once the final result (moreResults=false) went out: the client expects nothing more. */
    boolean finished() {
        return finished;
    }

    /** query() returned: later sends are bugs. */
    void close() {
        closed = true;
    }

    /** After a normal return: closes the response with an OK if the session did not send a final result. */
    void finish() throws IOException {
        close();
        if (finished) {
            return;
        }
        writer.writeOk(0, 0, ServerStatus.of(session.inTransaction(), session.autocommit(), false), session.warningCount(), "");
        writer.flush();
        finished = true;
    }
}
