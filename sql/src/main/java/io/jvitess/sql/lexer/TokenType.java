package io.jvitess.sql.lexer;

/** The lexical classes {@link SqlLexer} distinguishes; just enough for splitting and light matching. */
public enum TokenType {
    /** An unquoted identifier or keyword. */
    WORD,
    /** A {@code `backquoted`} identifier. */
    QUOTED_IDENTIFIER,
    /** A {@code '...'} or {@code "..."} string. */
    STRING,
    NUMBER,
    /** {@code @user_variable} or {@code @@[scope.]system_variable}. */
    VARIABLE,
    /** An operator or other symbol, e.g. {@code ;}, {@code .}, {@code :=}. */
    PUNCTUATION,
    /** {@code /* ... *}{@code /}, including {@code /*!} executable comments and {@code /*vt+} directives. */
    BLOCK_COMMENT,
    /** {@code -- ...} or {@code # ...} up to the end of the line. */
    LINE_COMMENT
}
