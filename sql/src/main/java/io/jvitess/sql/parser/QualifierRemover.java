package io.jvitess.sql.parser;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLAllColumnExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLShowColumnsStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowCreateViewStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlExplainStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import io.jvitess.sql.lexer.SqlToken;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Removes database qualifiers from the text itself rather than reprinting Druid's AST, so everything
 * else reaches MySQL byte for byte (Druid's printer reformats, and mangles some statements).
 *
 * <p>Three-part names {@code q.t.c} are always column references, so their {@code q.} goes. A two-part
 * name {@code q.x} is a table only in table position; otherwise {@code q} is a table or alias and
 * {@code x} a column, which must stay. The AST says which two-part names are tables, in visiting order,
 * which follows the text; when the counts of textual and AST occurrences disagree (Druid drops or adds
 * some), two-part names are removed only if the AST has no column-like ones, and otherwise kept: a
 * leftover qualifier fails loudly at MySQL, a wrongly removed one can silently change meaning.
 */
final class QualifierRemover {

    private QualifierRemover() {
    }

    static String remove(String text, List<SqlToken> tokens, SQLStatement statement, Set<String> qualifiers) {
        List<int[]> removals = new ArrayList<>();
        List<int[]> twoPartCandidates = new ArrayList<>();
        for (int index = 0; index + 2 < tokens.size(); index++) {
            SqlToken head = tokens.get(index);
            if (!head.isIdentifier() || !qualifiers.contains(head.value()) || index > 0 && tokens.get(index - 1).isPunctuation(".")
                    || !tokens.get(index + 1).isPunctuation(".") || !tokens.get(index + 2).isIdentifier()) {
                continue;
            }
            int[] range = {head.start(), tokens.get(index + 2).start()};
            boolean threePart = index + 4 < tokens.size() && tokens.get(index + 3).isPunctuation(".")
                    && (tokens.get(index + 4).isIdentifier() || tokens.get(index + 4).isPunctuation("*"));
            (threePart ? removals : twoPartCandidates).add(range);
        }
        if (!twoPartCandidates.isEmpty()) {
            List<Boolean> astSites = twoPartSites(statement, qualifiers);
            if (astSites.size() == twoPartCandidates.size()) {
                for (int index = 0; index < astSites.size(); index++) {
                    if (astSites.get(index)) {
                        removals.add(twoPartCandidates.get(index));
                    }
                }
            } else if (!astSites.isEmpty() && !astSites.contains(Boolean.FALSE)) {
                removals.addAll(twoPartCandidates);
            }
        }
        if (removals.isEmpty()) {
            return text;
        }
        removals.sort((left, right) -> Integer.compare(left[0], right[0]));
        StringBuilder result = new StringBuilder(text.length());
        int copied = 0;
        for (int[] range : removals) {
            result.append(text, copied, range[0]);
            copied = range[1];
        }
        return result.append(text, copied, text.length()).toString();
    }

    /** For each {@code q.x} in the AST whose q is a qualifier, in visiting order: true if it names a table. */
    private static List<Boolean> twoPartSites(SQLStatement statement, Set<String> qualifiers) {
        Set<SQLExpr> tableNames = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<SQLExpr> partOfLongerName = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Boolean> sites = new ArrayList<>();
        switch (statement) {
            case SQLShowCreateTableStatement show -> tableNames.add(show.getName());
            case SQLShowCreateViewStatement show -> tableNames.add(show.getName());
            case MySqlExplainStatement describe when describe.getTableName() != null -> tableNames.add(describe.getTableName());
            case MySqlRenameTableStatement rename -> rename.getItems().forEach(item -> {
                tableNames.add(item.getName());
                tableNames.add(item.getTo());
            });
            // Druid splits SHOW COLUMNS FROM ks.t into table and database.
            case SQLShowColumnsStatement show when show.getDatabase() != null && qualifiers.contains(Names.unquote(show.getDatabase().getSimpleName())) ->
                    sites.add(true);
            default -> {
            }
        }
        statement.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLExprTableSource source) {
                tableNames.add(source.getExpr());
                return true;
            }

            @Override
            public boolean visit(SQLAllColumnExpr all) {
                partOfLongerName.add(all.getOwner());
                return true;
            }

            @Override
            public boolean visit(SQLPropertyExpr property) {
                if (property.getOwner() instanceof SQLPropertyExpr owner) {
                    partOfLongerName.add(owner);
                } else if (!partOfLongerName.contains(property) && isQualifier(property.getOwner(), qualifiers)) {
                    sites.add(tableNames.contains(property));
                }
                return true;
            }

            @Override
            public boolean visit(SQLMethodInvokeExpr function) {
                if (isQualifier(function.getOwner(), qualifiers)) {
                    sites.add(false);
                }
                return true;
            }
        });
        return sites;
    }

    private static boolean isQualifier(SQLExpr owner, Set<String> qualifiers) {
        return owner instanceof SQLIdentifierExpr identifier && qualifiers.contains(Names.unquote(identifier.getName()));
    }
}
