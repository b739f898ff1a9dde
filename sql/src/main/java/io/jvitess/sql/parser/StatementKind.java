package io.jvitess.sql.parser;

/**
 * What a statement does, coarsely, for routing and session handling. {@code ROLLBACK TO [SAVEPOINT] x}
 * is SAVEPOINT, not ROLLBACK: like SAVEPOINT and RELEASE SAVEPOINT it goes to the shards of the open
 * transaction and does not end it. Account statements (CREATE USER, ...) are OTHER, not DDL.
 */
public enum StatementKind {
    SELECT, UNION, INSERT, REPLACE, UPDATE, DELETE, DDL, SET, BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE_SAVEPOINT,
    SHOW, USE, EXPLAIN, CALL, FLUSH, OTHER
}
