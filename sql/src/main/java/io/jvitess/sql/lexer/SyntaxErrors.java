package io.jvitess.sql.lexer;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

/**
 * Syntax errors worded like Vitess's parser: {@code syntax error at position N near 'token'}, where N is
 * one past the end of the offending token (Vitess's tokenizer has read one character ahead), or
 * {@code syntax error at position N} when the text ended too early.
 */
public final class SyntaxErrors {

    private SyntaxErrors() {
    }

    public static VtException near(SqlToken token) {
        String near = token.terminated() || token.type() == TokenType.BLOCK_COMMENT ? token.text() : token.value();
        return VtException.of(VtCode.INVALID_ARGUMENT, SqlState.SYNTAX_ERROR, "syntax error at position %d near '%s'", token.end() + 1, near);
    }

    public static VtException atEnd(String sql) {
        return VtException.of(VtCode.INVALID_ARGUMENT, SqlState.SYNTAX_ERROR, "syntax error at position %d", sql.length() + 1);
    }
}
