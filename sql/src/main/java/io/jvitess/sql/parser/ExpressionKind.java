package io.jvitess.sql.parser;

/** The shape of a select expression, enough for vtgate to answer {@code SELECT @@version} and friends itself. */
public enum ExpressionKind {
    /** {@code @@version}, {@code @@session.autocommit}; the name is lower-case without scope. */
    SYSTEM_VARIABLE,
    /** {@code @x}; the name is lower-case (MySQL compares user variable names case-insensitively). */
    USER_VARIABLE,
    /** {@code database()}, {@code current_user}, ...; the name is the lower-case function name. */
    FUNCTION_CALL,
    /** A string, number, boolean, hex or NULL literal. */
    LITERAL,
    OTHER
}
