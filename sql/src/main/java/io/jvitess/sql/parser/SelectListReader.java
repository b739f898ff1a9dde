package io.jvitess.sql.parser;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLCurrentTimeExpr;
import com.alibaba.druid.sql.ast.SQLCurrentUserExpr;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLLiteralExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.expr.SQLTextLiteralExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import io.jvitess.sql.lexer.SqlToken;
import io.jvitess.sql.lexer.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The select list of a SELECT without FROM, with MySQL's column labels. Labels need the text as
 * written, which Druid does not keep, so the list is also cut out of the token stream; when the two
 * disagree on the number of items, Druid's reprinted expressions are used instead.
 */
final class SelectListReader {

    private static final Set<String> SELECT_OPTIONS = Set.of("all", "distinct", "distinctrow", "high_priority", "straight_join",
            "sql_small_result", "sql_big_result", "sql_buffer_result", "sql_no_cache", "sql_cache", "sql_calc_found_rows");
    private static final Set<String> LIST_TERMINATORS = Set.of("from", "where", "group", "having", "window", "order", "limit",
            "into", "for", "lock", "union", "except", "intersect", "procedure");
    /** Functions MySQL lets you call without parentheses; Druid reads some of them as plain identifiers. */
    private static final Set<String> NILADIC_FUNCTIONS = Set.of("current_user", "current_date", "current_time", "current_timestamp",
            "localtime", "localtimestamp", "utc_date", "utc_time", "utc_timestamp", "current_role");

    private SelectListReader() {
    }

    static Optional<List<SelectExpression>> read(String text, List<SqlToken> tokens, SQLSelectStatement statement) {
        if (!(statement.getSelect().getQuery() instanceof SQLSelectQueryBlock block)
                || !hasNoTable(block.getFrom()) || block.getInto() != null || StatementClassifier.locksRows(statement)) {
            return Optional.empty();
        }
        List<SQLSelectItem> items = block.getSelectList();
        // With a WITH clause the first SELECT in the text is not this one; rely on Druid alone.
        List<List<SqlToken>> slices = statement.getSelect().getWithSubQuery() == null ? sliceSelectList(tokens) : List.of();
        boolean sliced = slices.size() == items.size();
        List<SelectExpression> expressions = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            SQLSelectItem item = items.get(index);
            Optional<SelectExpression> fromText = sliced ? fromSlice(text, slices.get(index), item) : Optional.empty();
            expressions.add(fromText.orElseGet(() -> reprinted(item)));
        }
        return Optional.of(List.copyOf(expressions));
    }

    /** No FROM, or FROM DUAL, which MySQL treats the same. */
    private static boolean hasNoTable(SQLTableSource from) {
        return from == null || from instanceof SQLExprTableSource source
                && source.getExpr() instanceof SQLIdentifierExpr name && name.getName().equalsIgnoreCase("dual");
    }

    /** The token runs of the first SELECT's items, split on top-level commas. */
    private static List<List<SqlToken>> sliceSelectList(List<SqlToken> tokens) {
        int index = 0;
        int depth = 0;
        while (index < tokens.size() && !tokens.get(index).isWord("select")) {
            depth += depthChange(tokens.get(index));
            index++;
        }
        if (index == tokens.size()) {
            return List.of();
        }
        index++;
        while (index < tokens.size() && tokens.get(index).type() == TokenType.WORD
                && SELECT_OPTIONS.contains(tokens.get(index).text().toLowerCase(Locale.ROOT))) {
            index++;
        }
        int listDepth = depth;
        List<List<SqlToken>> items = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        for (; index < tokens.size(); index++) {
            SqlToken token = tokens.get(index);
            if (depth == listDepth && (token.isPunctuation(")") || token.isPunctuation(";") || isTerminator(token))) {
                break;
            }
            if (depth == listDepth && token.isPunctuation(",")) {
                items.add(current);
                current = new ArrayList<>();
                continue;
            }
            depth += depthChange(token);
            current.add(token);
        }
        items.add(current);
        return items;
    }

    private static int depthChange(SqlToken token) {
        return token.isPunctuation("(") ? 1 : token.isPunctuation(")") ? -1 : 0;
    }

    private static boolean isTerminator(SqlToken token) {
        return token.type() == TokenType.WORD && LIST_TERMINATORS.contains(token.text().toLowerCase(Locale.ROOT));
    }

    private static Optional<SelectExpression> fromSlice(String text, List<SqlToken> slice, SQLSelectItem item) {
        List<SqlToken> expression = slice;
        Optional<String> alias = Optional.empty();
        if (item.getAlias() != null) {
            if (slice.size() < 2) {
                return Optional.empty();
            }
            alias = Optional.of(slice.get(slice.size() - 1).value());
            expression = slice.subList(0, slice.size() - 1);
            if (expression.get(expression.size() - 1).isWord("as")) {
                expression = expression.subList(0, expression.size() - 1);
            }
        }
        if (expression.isEmpty()) {
            return Optional.empty();
        }
        String written = text.substring(expression.get(0).start(), expression.get(expression.size() - 1).end());
        String label = alias.isPresent() ? alias.get() : labelWithoutAlias(written, expression, item.getExpr());
        return Optional.of(describe(item.getExpr(), written, label));
    }

    private static String labelWithoutAlias(String written, List<SqlToken> expression, SQLExpr expr) {
        if (expr instanceof SQLNullExpr) {
            return "NULL";
        }
        if (expression.size() == 1 && expression.get(0).type() == TokenType.STRING) {
            return expression.get(0).value();
        }
        return written;
    }

    private static SelectExpression reprinted(SQLSelectItem item) {
        String printed = SQLUtils.toMySqlString(item.getExpr());
        String label;
        if (item.getAlias() != null) {
            label = Names.unquote(item.getAlias());
        } else if (item.getExpr() instanceof SQLTextLiteralExpr literal) {
            label = literal.getText();
        } else {
            label = item.getExpr() instanceof SQLNullExpr ? "NULL" : printed;
        }
        return describe(item.getExpr(), printed, label);
    }

    private static SelectExpression describe(SQLExpr expr, String text, String label) {
        return switch (expr) {
            // Druid reads @@global.x as a flagged variable named x.
            case SQLVariantRefExpr variable when variable.isGlobal() || variable.isSession() ->
                    new SelectExpression(text, label, ExpressionKind.SYSTEM_VARIABLE, Optional.of(systemVariableName(variable.getName().replaceFirst("^@@", ""))));
            case SQLVariantRefExpr variable when variable.getName().startsWith("@@") ->
                    new SelectExpression(text, label, ExpressionKind.SYSTEM_VARIABLE, Optional.of(systemVariableName(variable.getName().substring(2))));
            case SQLVariantRefExpr variable when variable.getName().startsWith("@") ->
                    new SelectExpression(text, label, ExpressionKind.USER_VARIABLE, Optional.of(userVariableName(variable.getName())));
            case SQLPropertyExpr property when property.getOwner() instanceof SQLVariantRefExpr owner && owner.getName().startsWith("@@") ->
                    new SelectExpression(text, label, ExpressionKind.SYSTEM_VARIABLE, Optional.of(lower(Names.unquote(property.getName()))));
            case SQLMethodInvokeExpr function ->
                    new SelectExpression(text, label, ExpressionKind.FUNCTION_CALL, Optional.of(lower(function.getMethodName())));
            case SQLCurrentTimeExpr function ->
                    new SelectExpression(text, label, ExpressionKind.FUNCTION_CALL, Optional.of(function.getType().nameLCase));
            case SQLCurrentUserExpr ignored ->
                    new SelectExpression(text, label, ExpressionKind.FUNCTION_CALL, Optional.of("current_user"));
            case SQLIdentifierExpr identifier when NILADIC_FUNCTIONS.contains(lower(identifier.getName())) ->
                    new SelectExpression(text, label, ExpressionKind.FUNCTION_CALL, Optional.of(lower(identifier.getName())));
            case SQLLiteralExpr ignored -> new SelectExpression(text, label, ExpressionKind.LITERAL, Optional.empty());
            default -> new SelectExpression(text, label, ExpressionKind.OTHER, Optional.empty());
        };
    }

    /** {@code session.autocommit} -> {@code autocommit}. */
    static String systemVariableName(String withScope) {
        String name = withScope;
        for (String scope : List.of("session.", "global.", "local.", "persist.", "persist_only.")) {
            if (name.regionMatches(true, 0, scope, 0, scope.length())) {
                name = name.substring(scope.length());
                break;
            }
        }
        return lower(Names.unquote(name));
    }

    /** {@code @x} or {@code @`x y`} -> {@code x}, {@code x y}. */
    static String userVariableName(String variable) {
        return lower(Names.unquote(variable.substring(1)));
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
