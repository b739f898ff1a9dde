package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLInListExpr;
import com.alibaba.druid.sql.ast.expr.SQLListExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.engine.RouteOpcode;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.ColumnVindex;
import io.jvitess.gateway.vschema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks a table's route from the predicates that constrain it: {@code col = v} on a vindex
 * column routes to one shard (EqualUnique) or the shards a non-unique vindex names (Equal),
 * {@code col in (...)} to the shards of its values (IN), {@code (a, b) in (...)} on a vindex
 * column to MultiEqual, anything else scatters. Lower-cost vindexes win ties.
 */
final class RoutingAnalyzer {

    private RoutingAnalyzer() {
    }

    /** The route of a base table given the predicates that apply to it alone. */
    static Routing forTable(TableBinding binding, List<SQLExpr> predicates, Scope scope) {
        Table table = binding.table().orElseThrow();
        if (!table.keyspace().sharded()) {
            return Routing.of(RouteOpcode.UNSHARDED, table.keyspace());
        }
        if (table.isReference()) {
            return Routing.of(RouteOpcode.REFERENCE, table.keyspace());
        }
        if (table.pinned().isPresent()) {
            return Routing.toDestination(RouteOpcode.EQUAL_UNIQUE, table.keyspace(), new Destination.KeyspaceId(table.pinned().get()));
        }
        Routing best = Routing.of(RouteOpcode.SCATTER, table.keyspace());
        for (SQLExpr predicate : predicates) {
            Optional<Routing> candidate = fromPredicate(predicate, binding, table, scope);
            if (candidate.isPresent() && candidate.get().betterThan(best)) {
                best = candidate.get();
            }
        }
        return best;
    }

    private static Optional<Routing> fromPredicate(SQLExpr predicate, TableBinding binding, Table table, Scope scope) {
        if (predicate instanceof SQLBinaryOpExpr binary) {
            switch (binary.getOperator()) {
                case Equality -> {
                    Optional<Routing> left = equality(binary.getLeft(), binary.getRight(), binding, table, scope);
                    return left.isPresent() ? left : equality(binary.getRight(), binary.getLeft(), binding, table, scope);
                }
                case Is -> {
                    // Only the primary vindex column can never hold NULL (such a row could not be placed);
                    // a lookup or secondary vindex column may, and its NULLs are on any shard.
                    boolean onPrimary = Expressions.isColumn(binary.getLeft()) && table.primaryVindex()
                            .map(primary -> primary.columns().size() == 1
                                    && primary.columns().getFirst().equals(Identifiers.columnKey(Expressions.columnName(binary.getLeft()))))
                            .orElse(false);
                    if (binary.getRight() instanceof SQLNullExpr && onPrimary) {
                        return vindexRoute(binary.getLeft(), new EvalExpression.Literal(SqlValue.NULL), binding, table, scope, false)
                                .filter(routing -> routing.vindexName().equals(table.primaryVindex().map(ColumnVindex::name)));
                    }
                    return Optional.empty();
                }
                case BooleanOr -> {
                    return disjunction(binary, binding, table, scope);
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (predicate instanceof SQLInListExpr in && !in.isNot()) {
            return inList(in, binding, table, scope);
        }
        return Optional.empty();
    }

    private static Optional<Routing> equality(SQLExpr column, SQLExpr value, TableBinding binding, Table table, Scope scope) {
        if (!Expressions.isColumn(column) || !belongsTo(column, binding, scope)) {
            return Optional.empty();
        }
        Optional<EvalExpression> constant = EvalConverter.constant(value);
        if (constant.isEmpty()) {
            return Optional.empty();
        }
        return vindexRoute(column, constant.get(), binding, table, scope, false);
    }

    private static Optional<Routing> vindexRoute(SQLExpr column, EvalExpression value, TableBinding binding, Table table, Scope scope,
                                                 boolean list) {
        if (!Expressions.isColumn(column) || !belongsTo(column, binding, scope)) {
            return Optional.empty();
        }
        Routing best = null;
        for (ColumnVindex vindex : table.vindexesOn(Expressions.columnName(column))) {
            if (!vindex.isSingleColumn()) {
                continue;
            }
            RouteOpcode opcode = list ? RouteOpcode.IN : vindex.isUnique() ? RouteOpcode.EQUAL_UNIQUE : RouteOpcode.EQUAL;
            Routing candidate = Routing.byVindex(opcode, table.keyspace(), vindex.vindex(), value);
            if (best == null || candidate.betterThan(best)) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<Routing> inList(SQLInListExpr in, TableBinding binding, Table table, Scope scope) {
        if (in.getExpr() instanceof SQLListExpr tuple) {
            return multiEqual(in, tuple, binding, table, scope);
        }
        List<SQLExpr> targets = in.getTargetList();
        EvalExpression values;
        if (targets.size() == 1 && targets.getFirst() instanceof SQLVariantRefExpr variable && variable.getName().startsWith("::")) {
            values = new EvalExpression.ListBindVariableRef(variable.getName().substring(2));
        } else {
            List<EvalExpression> items = new ArrayList<>();
            for (SQLExpr target : targets) {
                Optional<EvalExpression> item = EvalConverter.constant(target);
                if (item.isEmpty()) {
                    return Optional.empty();
                }
                items.add(item.get());
            }
            values = new EvalExpression.TupleExpression(items);
        }
        return vindexRoute(in.getExpr(), values, binding, table, scope, true).map(routing -> routing.withInPredicate(in));
    }

    /** {@code (a, b) in ((1, 2), (3, 4))}: route on the values of a vindex column among the tuple's columns. */
    private static Optional<Routing> multiEqual(SQLInListExpr in, SQLListExpr tuple, TableBinding binding, Table table, Scope scope) {
        Routing best = null;
        for (int position = 0; position < tuple.getItems().size(); position++) {
            SQLExpr column = tuple.getItems().get(position);
            List<EvalExpression> values = new ArrayList<>();
            for (SQLExpr row : in.getTargetList()) {
                if (!(row instanceof SQLListExpr rowTuple) || rowTuple.getItems().size() != tuple.getItems().size()) {
                    return Optional.empty();
                }
                Optional<EvalExpression> value = EvalConverter.constant(rowTuple.getItems().get(position));
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                values.add(value.get());
            }
            Optional<Routing> candidate = vindexRoute(column, new EvalExpression.TupleExpression(values), binding, table, scope, true)
                    .map(routing -> new Routing(routing.parameters().withOpcode(RouteOpcode.MULTI_EQUAL), Optional.empty()));
            if (candidate.isPresent() && (best == null || candidate.get().betterThan(best))) {
                best = candidate.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code c = 1 or c = 2 ...} on one column is {@code c in (1, 2)}. */
    private static Optional<Routing> disjunction(SQLBinaryOpExpr or, TableBinding binding, Table table, Scope scope) {
        List<SQLExpr> disjuncts = new ArrayList<>();
        collectDisjuncts(or, disjuncts);
        String columnText = null;
        SQLExpr column = null;
        List<EvalExpression> values = new ArrayList<>();
        for (SQLExpr disjunct : disjuncts) {
            if (!(disjunct instanceof SQLBinaryOpExpr equality) || equality.getOperator() != SQLBinaryOperator.Equality) {
                return Optional.empty();
            }
            SQLExpr side = Expressions.isColumn(equality.getLeft()) ? equality.getLeft() : equality.getRight();
            SQLExpr other = side == equality.getLeft() ? equality.getRight() : equality.getLeft();
            Optional<EvalExpression> value = EvalConverter.constant(other);
            if (!Expressions.isColumn(side) || value.isEmpty()) {
                return Optional.empty();
            }
            String text = SqlPrinter.print(side);
            if (columnText != null && !columnText.equals(text)) {
                return Optional.empty();
            }
            columnText = text;
            column = side;
            values.add(value.get());
        }
        return vindexRoute(column, new EvalExpression.TupleExpression(values), binding, table, scope, true);
    }

    private static void collectDisjuncts(SQLExpr expr, List<SQLExpr> into) {
        if (expr instanceof SQLBinaryOpExpr binary && binary.getOperator() == SQLBinaryOperator.BooleanOr) {
            collectDisjuncts(binary.getLeft(), into);
            collectDisjuncts(binary.getRight(), into);
        } else {
            into.add(expr);
        }
    }

    private static boolean belongsTo(SQLExpr column, TableBinding binding, Scope scope) {
        Dependencies dependencies = Expressions.dependencies(column, scope);
        return dependencies.resolved() && dependencies.tables().equals(Set.of(binding));
    }
}
