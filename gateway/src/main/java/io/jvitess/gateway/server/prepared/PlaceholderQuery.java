package io.jvitess.gateway.server.prepared;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.sql.lexer.SqlLexer;
import io.jvitess.sql.lexer.SqlToken;

import java.util.ArrayList;
import java.util.List;

/**
 * A prepared statement's text cut at its {@code ?} placeholders (those outside strings, quoted
 * identifiers and comments), so that each execution can put SQL literals in their place.
 *
 * @param fragments the text around the placeholders: one more than there are placeholders
 */
public record PlaceholderQuery(List<String> fragments) {

    public PlaceholderQuery {
        fragments = List.copyOf(fragments);
        if (fragments.isEmpty()) {
            throw new IllegalArgumentException("a query has at least one fragment");
        }
    }

    public static PlaceholderQuery parse(String sql) {
        List<String> fragments = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql);
        int start = 0;
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            if (token.isPunctuation("?")) {
                fragments.add(sql.substring(start, token.start()));
                start = token.end();
            }
        }
        fragments.add(sql.substring(start));
        return new PlaceholderQuery(fragments);
    }

    public int parameterCount() {
        return fragments.size() - 1;
    }

    /**
     * The statement with each placeholder replaced by its value as a SQL literal.
     *
     * @throws VtException 1210 when the number of values is wrong or a number is not finite
     */
    public String render(List<SqlValue> values) {
        if (values.size() != parameterCount()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, ParameterLiterals.WRONG_ARGUMENTS,
                    "Incorrect arguments to mysqld_stmt_execute: %d values for %d parameters", values.size(), parameterCount());
        }
        StringBuilder sql = new StringBuilder(fragments.getFirst());
        for (int index = 0; index < values.size(); index++) {
            String literal = ParameterLiterals.format(values.get(index));
            // "1-?" with -5 must not become "1--5", which reads as the start of a comment.
            if (literal.startsWith("-") && !sql.isEmpty() && sql.charAt(sql.length() - 1) == '-') {
                sql.append(' ');
            }
            sql.append(literal).append(fragments.get(index + 1));
        }
        return sql.toString();
    }
}
