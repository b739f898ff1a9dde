package io.jvitess.sql.parser;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlHintStatement;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlStatementParser;
import com.alibaba.druid.sql.parser.Token;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.sql.lexer.SqlLexer;
import io.jvitess.sql.lexer.SqlToken;
import io.jvitess.sql.lexer.SyntaxErrors;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The front door to Druid's MySQL parser: one statement in, a {@link ParsedStatement} or a MySQL-style error out. */
public final class SqlParser {

    /** ER_EMPTY_QUERY, what MySQL answers to a query of only whitespace and comments. */
    static final SqlState EMPTY_QUERY = new SqlState(1065, "42000");

    private SqlParser() {
    }

    /**
     * Parses one statement (a trailing ';' is allowed) with Druid's MySQL parser. Run
     * {@code VitessStatementParser} first: Druid rejects Vitess-only syntax.
     *
     * @throws VtException INVALID_ARGUMENT with 1064/42000 {@code syntax error at position N near 'token'}
     *                     for bad SQL or several statements, or 1065/42000 {@code Query was empty}
     */
    public static ParsedStatement parse(String sql) {
        requireNonNull(sql, "sql is null");
        return parse(sql, sql, 0);
    }

    private static ParsedStatement parse(String sql, String body, int bodyStart) {
        SQLStatement statement = parseOne(body, bodyStart);
        if (statement instanceof MySqlHintStatement) {
            SqlToken comment = soleExecutableComment(body);
            if (comment != null) {
                int innerStart = comment.start() + 3;
                while (innerStart < comment.end() - 2 && Character.isDigit(body.charAt(innerStart))) {
                    innerStart++;
                }
                return parse(sql, body.substring(innerStart, comment.end() - 2), bodyStart + innerStart);
            }
        }
        return new ParsedStatement(sql, body, bodyStart, statement);
    }

    private static SQLStatement parseOne(String body, int offset) {
        MySqlStatementParser parser = null;
        List<SQLStatement> statements;
        try {
            parser = new MySqlStatementParser(body);
            statements = parser.parseStatementList();
        } catch (RuntimeException | LinkageError failure) {
            // LinkageError: on some inputs (e.g. "select next value from t") Druid reaches for its optional
            // commons-lang3, which we do not ship; such text is not a statement Druid parses anyway.
            boolean atEnd = parser != null && parser.getLexer().token() == Token.EOF;
            throw withCause(syntaxError(body, offset, parser == null ? 0 : parser.getLexer().pos(), atEnd), failure);
        } catch (StackOverflowError tooDeep) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, SqlState.SYNTAX_ERROR, "syntax error: statement nested too deeply");
        }
        if (statements.isEmpty()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, EMPTY_QUERY, "Query was empty");
        }
        if (statements.size() > 1) {
            throw secondStatementError(body, offset);
        }
        return statements.get(0);
    }

    /** Vitess's wording at a best-effort position: Druid's lexer stops just after the token it rejected. */
    private static VtException syntaxError(String body, int offset, int failedAt, boolean atEnd) {
        List<SqlToken> tokens = SqlLexer.tokenize(body);
        for (SqlToken token : tokens) {
            if (!token.terminated()) {
                return SyntaxErrors.near(shifted(token, offset));
            }
        }
        SqlToken rejected = null;
        for (SqlToken token : SqlLexer.significant(tokens)) {
            if (token.start() >= failedAt) {
                break;
            }
            rejected = token;
        }
        if (rejected == null || atEnd) {
            return SyntaxErrors.atEnd(" ".repeat(offset) + body);
        }
        return SyntaxErrors.near(shifted(rejected, offset));
    }

    /** One statement per parse: point at the first word after the first top-level ';'. */
    private static VtException secondStatementError(String body, int offset) {
        boolean afterSemicolon = false;
        for (SqlToken token : SqlLexer.significant(SqlLexer.tokenize(body))) {
            if (token.isPunctuation(";")) {
                afterSemicolon = true;
            } else if (afterSemicolon) {
                return SyntaxErrors.near(shifted(token, offset));
            }
        }
        return SyntaxErrors.atEnd(" ".repeat(offset) + body);
    }

    private static SqlToken soleExecutableComment(String body) {
        SqlToken comment = null;
        for (SqlToken token : SqlLexer.tokenize(body)) {
            if (token.isExecutableComment() && token.terminated() && comment == null) {
                comment = token;
            } else if (!token.isComment() && !token.isPunctuation(";") || token.isExecutableComment()) {
                return null;
            }
        }
        return comment;
    }

    private static SqlToken shifted(SqlToken token, int offset) {
        return offset == 0 ? token : new SqlToken(token.type(), token.start() + offset, token.end() + offset, token.text(), token.terminated());
    }

    private static VtException withCause(VtException error, Throwable cause) {
        return new VtException(error.code(), error.sqlState(), error.getMessage(), cause);
    }
}
