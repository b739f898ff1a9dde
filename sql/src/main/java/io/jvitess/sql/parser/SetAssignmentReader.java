package io.jvitess.sql.parser;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLBooleanExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLNumericLiteralExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.expr.SQLTextLiteralExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLAssignItem;
import com.alibaba.druid.sql.ast.statement.SQLSetStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSetTransactionStatement;
import io.jvitess.sql.lexer.SqlToken;
import io.jvitess.sql.lexer.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The assignments of a SET statement. Scopes and names come from Druid; value texts are cut out of the
 * token stream so they read as written, falling back to Druid's printing if the two disagree.
 */
final class SetAssignmentReader {

    private static final String SESSION = "session";
    private static final String GLOBAL = "global";
    private static final String USER = "user";
    private static final String NAMES = "names";
    private static final String TRANSACTION = "transaction";

    private SetAssignmentReader() {
    }

    static List<SetAssignment> read(String text, List<SqlToken> tokens, SQLStatement statement) {
        return switch (statement) {
            case MySqlSetTransactionStatement transaction -> transaction(transaction);
            case SQLSetStatement set -> assignments(text, tokens, set);
            default -> List.of();
        };
    }

    private static List<SetAssignment> assignments(String text, List<SqlToken> tokens, SQLSetStatement set) {
        List<SQLAssignItem> items = set.getItems();
        List<List<SqlToken>> values = sliceValues(tokens);
        boolean sliced = values.size() == items.size() && values.stream().noneMatch(List::isEmpty);
        List<SetAssignment> assignments = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            SQLAssignItem item = items.get(index);
            if (item.getTarget() == null) {
                continue;
            }
            List<SqlToken> value = sliced ? values.get(index) : List.of();
            String valueText = value.isEmpty() ? SQLUtils.toMySqlString(item.getValue())
                    : text.substring(value.get(0).start(), value.get(value.size() - 1).end());
            ScopedName target = scopedName(item.getTarget());
            Optional<String> literal = literal(item.getValue(), target.scope(), value, valueText);
            assignments.add(new SetAssignment(target.scope(), target.name(), valueText, literal));
        }
        return List.copyOf(assignments);
    }

    /** The value tokens of each comma-separated assignment after SET. */
    private static List<List<SqlToken>> sliceValues(List<SqlToken> tokens) {
        if (tokens.isEmpty() || !tokens.get(0).isWord("set")) {
            return List.of();
        }
        List<List<SqlToken>> assignments = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        int depth = 0;
        for (SqlToken token : tokens.subList(1, tokens.size())) {
            if (depth == 0 && token.isPunctuation(";")) {
                break;
            }
            if (depth == 0 && token.isPunctuation(",")) {
                assignments.add(current);
                current = new ArrayList<>();
                continue;
            }
            depth += token.isPunctuation("(") ? 1 : token.isPunctuation(")") ? -1 : 0;
            current.add(token);
        }
        assignments.add(current);
        return assignments.stream().map(SetAssignmentReader::valuePart).toList();
    }

    /** What follows the first top-level {@code =} or {@code :=}, or the operand of NAMES / CHARACTER SET. */
    private static List<SqlToken> valuePart(List<SqlToken> assignment) {
        int depth = 0;
        for (int index = 0; index < assignment.size(); index++) {
            SqlToken token = assignment.get(index);
            depth += token.isPunctuation("(") ? 1 : token.isPunctuation(")") ? -1 : 0;
            if (depth == 0 && (token.isPunctuation("=") || token.isPunctuation(":="))) {
                return assignment.subList(index + 1, assignment.size());
            }
        }
        if (!assignment.isEmpty() && (assignment.get(0).isWord("names") || assignment.get(0).isWord("charset"))) {
            return assignment.subList(1, assignment.size());
        }
        if (assignment.size() > 1 && assignment.get(0).isWord("character") && assignment.get(1).isWord("set")) {
            return assignment.subList(2, assignment.size());
        }
        return List.of();
    }

    private static ScopedName scopedName(SQLExpr target) {
        if (target instanceof SQLVariantRefExpr variable) {
            String name = variable.getName();
            if (name.startsWith("@@")) {
                return new ScopedName(systemScope(name.substring(2), variable.isGlobal()), SelectListReader.systemVariableName(name.substring(2)));
            }
            if (name.startsWith("@")) {
                return new ScopedName(USER, SelectListReader.userVariableName(name));
            }
            if (name.equalsIgnoreCase("names")) {
                return new ScopedName(NAMES, "names");
            }
            if (name.equalsIgnoreCase("character set")) {
                return new ScopedName(NAMES, "charset");
            }
            return new ScopedName(variable.isGlobal() ? GLOBAL : SESSION, lower(Names.unquote(name)));
        }
        if (target instanceof SQLPropertyExpr property && property.getOwner() instanceof SQLVariantRefExpr owner && owner.getName().startsWith("@@")) {
            return new ScopedName(systemScope(owner.getName().substring(2) + ".", false), lower(Names.unquote(property.getName())));
        }
        if (target instanceof SQLIdentifierExpr identifier) {
            return new ScopedName(SESSION, lower(Names.unquote(identifier.getName())));
        }
        return new ScopedName(SESSION, lower(SQLUtils.toMySqlString(target)));
    }

    /** The scope written as a prefix ({@code global.x}), else the flag Druid set for {@code SET GLOBAL x}. */
    private static String systemScope(String withScope, boolean global) {
        String lower = lower(withScope);
        if (lower.startsWith("global.")) {
            return GLOBAL;
        }
        if (lower.startsWith("persist.")) {
            return "persist";
        }
        if (lower.startsWith("persist_only.")) {
            return "persist_only";
        }
        return global ? GLOBAL : SESSION;
    }

    private static Optional<String> literal(SQLExpr value, String scope, List<SqlToken> tokens, String valueText) {
        boolean singleToken = tokens.size() == 1;
        return switch (value) {
            case SQLTextLiteralExpr text -> Optional.of(singleToken && tokens.get(0).type() == TokenType.STRING ? tokens.get(0).value() : text.getText());
            case SQLNumericLiteralExpr ignored -> Optional.of(valueText);
            case SQLBooleanExpr bool -> Optional.of(bool.getBooleanValue() ? "1" : "0");
            // A bare word is a string to a system variable (SET autocommit = ON, SET NAMES utf8mb4), a column to a user variable.
            case SQLIdentifierExpr word when !scope.equals(USER) && !word.getName().equalsIgnoreCase("default") ->
                    Optional.of(Names.unquote(word.getName()));
            default -> Optional.empty();
        };
    }

    private static List<SetAssignment> transaction(MySqlSetTransactionStatement statement) {
        String scope = Boolean.TRUE.equals(statement.getGlobal()) ? GLOBAL
                : Boolean.TRUE.equals(statement.getSession()) || statement.isLocal() ? SESSION : TRANSACTION;
        List<SetAssignment> assignments = new ArrayList<>();
        if (statement.getIsolationLevel() != null) {
            String level = statement.getIsolationLevel().toUpperCase(Locale.ROOT);
            assignments.add(new SetAssignment(scope, "transaction_isolation", level, Optional.of(level.replace(' ', '-'))));
        }
        if (statement.getAccessModel() != null) {
            boolean readOnly = statement.getAccessModel().equalsIgnoreCase("only");
            assignments.add(new SetAssignment(scope, "transaction_read_only", readOnly ? "READ ONLY" : "READ WRITE",
                    Optional.of(readOnly ? "1" : "0")));
        }
        return List.copyOf(assignments);
    }

    private record ScopedName(String scope, String name) {
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
