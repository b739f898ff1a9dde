package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLObject;
import com.alibaba.druid.sql.ast.expr.SQLAggregateExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLExistsExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLInSubQueryExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.expr.SQLQueryExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLJoinTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLSubqueryTableSource;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUnionQueryTableSource;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Facts about Druid expressions the planner needs: conjuncts, dependencies, aggregates, subqueries. */
final class Expressions {

    private Expressions() {
    }

    /** The AND-ed parts of a predicate (empty for none). */
    static List<SQLExpr> conjuncts(SQLExpr predicate) {
        List<SQLExpr> parts = new ArrayList<>();
        collectConjuncts(predicate, parts);
        return parts;
    }

    private static void collectConjuncts(SQLExpr predicate, List<SQLExpr> parts) {
        if (predicate == null) {
            return;
        }
        if (predicate instanceof SQLBinaryOpExpr binary && binary.getOperator() == SQLBinaryOperator.BooleanAnd) {
            collectConjuncts(binary.getLeft(), parts);
            collectConjuncts(binary.getRight(), parts);
        } else {
            parts.add(predicate);
        }
    }

    /** The conjuncts AND-ed back together, null for none. */
    static SQLExpr and(List<SQLExpr> parts) {
        SQLExpr result = null;
        for (SQLExpr part : parts) {
            SQLExpr copy = asAndOperand(part);
            result = result == null ? copy : new SQLBinaryOpExpr(result, SQLBinaryOperator.BooleanAnd, copy, com.alibaba.druid.DbType.mysql);
        }
        return result;
    }

    /**
     * An OR (or XOR) next to AND must keep its parentheses. Druid prints parentheses only where
     * the parser saw them, so an unparenthesized top-level OR gets them here.
     */
    static SQLExpr asAndOperand(SQLExpr part) {
        if (part instanceof SQLBinaryOpExpr binary && !binary.isParenthesized() && switch (binary.getOperator()) {
            case BooleanOr, BooleanXor, Assignment -> true;
            default -> false;
        }) {
            SQLBinaryOpExpr copy = binary.clone();
            copy.setParenthesized(true);
            return copy;
        }
        return part;
    }

    static SQLExpr alwaysFalse() {
        return new SQLBinaryOpExpr(new SQLIntegerExpr(1), SQLBinaryOperator.NotEqual, new SQLIntegerExpr(1), com.alibaba.druid.DbType.mysql);
    }

    static boolean isColumn(SQLExpr expr) {
        return expr instanceof SQLIdentifierExpr || expr instanceof SQLPropertyExpr property && !property.getName().equals("*");
    }

    /** The bare column name of a column reference. */
    static String columnName(SQLExpr expr) {
        if (expr instanceof SQLIdentifierExpr identifier) {
            return Identifiers.unquote(identifier.getName());
        }
        return Identifiers.unquote(((SQLPropertyExpr) expr).getName());
    }

    /** Aggregate function calls outside subqueries (window functions included). */
    static List<SQLAggregateExpr> aggregates(SQLObject node) {
        List<SQLAggregateExpr> found = new ArrayList<>();
        node.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLAggregateExpr x) {
                found.add(x);
                return false;
            }

            @Override
            public boolean visit(SQLSelect x) {
                return false;
            }
        });
        return found;
    }

    static boolean containsAggregate(SQLObject node) {
        return !aggregates(node).isEmpty();
    }

    /** Subqueries of an expression, outermost only. */
    static List<SQLExpr> subqueries(SQLObject node) {
        List<SQLExpr> found = new ArrayList<>();
        node.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLInSubQueryExpr x) {
                found.add(x);
                return false;
            }

            @Override
            public boolean visit(SQLExistsExpr x) {
                found.add(x);
                return false;
            }

            @Override
            public boolean visit(SQLQueryExpr x) {
                found.add(x);
                return false;
            }

            @Override
            public boolean visit(com.alibaba.druid.sql.ast.expr.SQLAnyExpr x) {
                found.add(x);
                return false;
            }

            @Override
            public boolean visit(com.alibaba.druid.sql.ast.expr.SQLAllExpr x) {
                found.add(x);
                return false;
            }

            @Override
            public boolean visit(com.alibaba.druid.sql.ast.expr.SQLSomeExpr x) {
                found.add(x);
                return false;
            }

            @Override
            public boolean visit(SQLSelect x) {
                return false;
            }
        });
        return found;
    }

    static boolean containsSubquery(SQLObject node) {
        boolean[] found = {false};
        node.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLSelect x) {
                found[0] = true;
                return false;
            }
        });
        return found[0];
    }

    /**
     * The tables of {@code scope} (and enclosing scopes) an expression reads. Inside subqueries,
     * columns resolve to the subquery's own tables first, as in MySQL; only what is left counts.
     */
    static Dependencies dependencies(SQLObject expr, Scope scope) {
        Set<TableBinding> tables = new LinkedHashSet<>();
        List<String> unresolved = new ArrayList<>();
        Deque<Set<String>> innerScopes = new ArrayDeque<>();
        expr.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(MySqlSelectQueryBlock x) {
                innerScopes.push(tableNames(x.getFrom()));
                return true;
            }

            @Override
            public void endVisit(MySqlSelectQueryBlock x) {
                innerScopes.pop();
            }

            @Override
            public boolean visit(SQLSelectQueryBlock x) {
                innerScopes.push(tableNames(x.getFrom()));
                return true;
            }

            @Override
            public void endVisit(SQLSelectQueryBlock x) {
                innerScopes.pop();
            }

            @Override
            public boolean visit(SQLExprTableSource x) {
                return false;
            }

            @Override
            public boolean visit(SQLIdentifierExpr x) {
                if (!innerScopes.isEmpty() && !innerScopes.peek().isEmpty()) {
                    return false;
                }
                Optional<TableBinding> binding = scope.byColumn(x.getName());
                if (binding.isPresent()) {
                    tables.add(binding.get());
                } else {
                    unresolved.add(Identifiers.unquote(x.getName()));
                }
                return false;
            }

            @Override
            public boolean visit(SQLPropertyExpr x) {
                Qualifier qualifier = Qualifier.of(x.getOwner());
                if (qualifier == null) {
                    return true;
                }
                if (innerScopes.stream().anyMatch(names -> names.contains(qualifier.table()))) {
                    return false;
                }
                Optional<TableBinding> binding = scope.byQualifier(qualifier.keyspace(), qualifier.table());
                if (binding.isPresent()) {
                    tables.add(binding.get());
                } else {
                    unresolved.add(SqlPrinter.print(x));
                }
                return false;
            }
        });
        return new Dependencies(tables, unresolved);
    }

    /** {@code t} or {@code ks.t} in front of a column. */
    record Qualifier(Optional<String> keyspace, String table) {
        static Qualifier of(SQLExpr owner) {
            if (owner instanceof SQLIdentifierExpr identifier) {
                return new Qualifier(Optional.empty(), Identifiers.unquote(identifier.getName()));
            }
            if (owner instanceof SQLPropertyExpr property && property.getOwner() instanceof SQLIdentifierExpr keyspace) {
                return new Qualifier(Optional.of(Identifiers.unquote(keyspace.getName())), Identifiers.unquote(property.getName()));
            }
            return null;
        }
    }

    /** Names that qualify columns of a FROM clause: aliases, else table names. */
    static Set<String> tableNames(SQLTableSource from) {
        Set<String> names = new HashSet<>();
        collectTableNames(from, names);
        return names;
    }

    private static void collectTableNames(SQLTableSource from, Set<String> names) {
        if (from == null) {
            return;
        }
        switch (from) {
            case SQLJoinTableSource join -> {
                collectTableNames(join.getLeft(), names);
                collectTableNames(join.getRight(), names);
            }
            case SQLExprTableSource table -> names.add(table.getAlias() != null ? Identifiers.unquote(table.getAlias())
                    : Identifiers.unquote(table.getTableName()));
            case SQLSubqueryTableSource derived -> names.add(derived.getAlias() == null ? "" : Identifiers.unquote(derived.getAlias()));
            case SQLUnionQueryTableSource derived -> names.add(derived.getAlias() == null ? "" : Identifiers.unquote(derived.getAlias()));
            default -> names.add(from.getAlias() == null ? "" : Identifiers.unquote(from.getAlias()));
        }
    }
}
