package io.jvitess.mysql.server;

import io.jvitess.proto.query.QueryResult;

/**
 * Where a session sends the results of one COM_QUERY. Call it from inside
 * {@link MysqlSession#query} only, one call at a time.
 */
@FunctionalInterface
public interface ResultSink {

    /**
     * One statement's result: fields non-empty -> text result set (column defs, rows, EOF/OK); no
     * fields -> OK packet with rows_affected, insert_id (last insert id), info, warnings.
     * Throws java.io.UncheckedIOException if the client is gone.
     *
     * @param moreResults true if another statement's result follows (SERVER_MORE_RESULTS_EXISTS)
     */
    void send(QueryResult result, boolean moreResults);
}
