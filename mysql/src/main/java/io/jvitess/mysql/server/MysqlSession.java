package io.jvitess.mysql.server;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.query.Field;

import java.util.List;

/**
 * One client's session, driven by its connection's thread: calls never overlap.
 * Methods other than {@link #close()} report failures by throwing
 * {@link io.jvitess.common.errors.VtException}; the client gets the matching ERR packet and the
 * connection stays open. Any other exception becomes ERR 1105 (HY000) with its message.
 */
public interface MysqlSession {

    /**
     * COM_QUERY. sql may hold several statements (client set CLIENT_MULTI_STATEMENTS); the session
     * calls sink.send once per statement, moreResults=true on all but the last. Throwing VtException
     * ends the command with an ERR packet (after any results already sent).
     */
    void query(String sql, ResultSink sink);

    /**
     * COM_STMT_PREPARE: checks one statement with {@code ?} placeholders and returns it ready to
     * execute; the connection assigns its id and keeps it until the client closes it. Throws
     * VtException (e.g. a syntax error) to refuse it. Sessions without prepared statements answer
     * "Unknown command", which makes clients fall back to client-side preparation.
     */
    default PreparedQuery prepare(String sql) {
        throw VtException.of(VtCode.UNIMPLEMENTED, SqlState.UNKNOWN_COMMAND, "Unknown command");
    }

    /** COM_INIT_DB; throws VtException (e.g. 1049 unknown database). */
    void initDb(String schema);

    /** COM_FIELD_LIST: column definitions of a table. */
    List<Field> fieldList(String table, String wildcard);

    /** Reported as SERVER_STATUS_IN_TRANS in OK/EOF packets. */
    boolean inTransaction();

    /** Reported as SERVER_STATUS_AUTOCOMMIT in OK/EOF packets. */
    boolean autocommit();

    /** Warnings of the last statement, reported in OK/EOF packets when the result carries none itself. */
    int warningCount();

    /** COM_RESET_CONNECTION: drop session state (transaction, variables, temporary tables); the connection closes prepared statements itself. */
    default void resetConnection() {
    }

    /** The connection ended (COM_QUIT, client disconnect, server shutdown). Must not throw. Called exactly once. */
    void close();
}
