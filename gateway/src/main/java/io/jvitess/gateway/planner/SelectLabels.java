package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLAllColumnExpr;
import com.alibaba.druid.sql.ast.expr.SQLLiteralExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectQuery;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import com.alibaba.druid.sql.ast.statement.SQLUnionQuery;
import io.jvitess.sql.lexer.SqlLexer;
import io.jvitess.sql.lexer.SqlToken;
import io.jvitess.sql.lexer.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps MySQL's column labels. MySQL names an unaliased expression column by its text as
 * written ({@code COUNT( * )}, {@code a+1}); vtgate sends reprinted SQL, so such columns get
 * the written text as an explicit alias before planning.
 */
final class SelectLabels {

    private static final Set<String> SELECT_OPTIONS = Set.of("all", "distinct", "distinctrow", "high_priority", "straight_join",
            "sql_small_result", "sql_big_result", "sql_buffer_result", "sql_no_cache", "sql_cache", "sql_calc_found_rows");
    private static final Set<String> LIST_TERMINATORS = Set.of("from", "where", "group", "having", "window", "order", "limit",
            "into", "for", "lock", "union", "except", "intersect", "procedure");
    /** MySQL's limit on an alias. */
    private static final int MAX_ALIAS_LENGTH = 256;

    private SelectLabels() {
    }

    static void keepWrittenLabels(SQLSelectStatement statement, String sql) {
        if (statement.getSelect().getWithSubQuery() != null) {
            return;
        }
        SQLSelectQueryBlock first = firstBlock(statement.getSelect().getQuery());
        if (first == null) {
            return;
        }
        List<List<SqlToken>> slices = sliceFirstSelectList(SqlLexer.significant(SqlLexer.tokenize(sql)));
        List<SQLSelectItem> items = first.getSelectList();
        if (slices.size() != items.size()) {
            return;
        }
        for (int index = 0; index < items.size(); index++) {
            SQLSelectItem item = items.get(index);
            List<SqlToken> slice = slices.get(index);
            if (item.getAlias() != null || slice.isEmpty() || !needsLabel(item.getExpr())) {
                continue;
            }
            String written = sql.substring(slice.getFirst().start(), slice.getLast().end());
            if (written.length() <= MAX_ALIAS_LENGTH && !written.equals(SqlPrinter.print(item.getExpr()))) {
                item.setAlias(Identifiers.quote(written));
            }
        }
    }

    private static SQLSelectQueryBlock firstBlock(SQLSelectQuery query) {
        return switch (query) {
            case SQLSelectQueryBlock block -> block;
            case SQLUnionQuery union -> firstBlock(union.getLeft());
            default -> null;
        };
    }

    /** Columns, literals and variables are labelled the same whether reprinted or not. */
    private static boolean needsLabel(SQLExpr expression) {
        return !(Expressions.isColumn(expression) || expression instanceof SQLLiteralExpr || expression instanceof SQLAllColumnExpr
                || expression instanceof SQLVariantRefExpr || expression instanceof SQLPropertyExpr);
    }

    private static List<List<SqlToken>> sliceFirstSelectList(List<SqlToken> tokens) {
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
            if (depth == listDepth && (token.isPunctuation(")") || token.isPunctuation(";")
                    || token.type() == TokenType.WORD && LIST_TERMINATORS.contains(token.text().toLowerCase(Locale.ROOT)))) {
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
}
