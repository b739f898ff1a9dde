package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import io.jvitess.gateway.engine.RouteOpcode;
import io.jvitess.gateway.vschema.ColumnVindex;
import io.jvitess.gateway.vschema.Table;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When two routes can become one query: their rows meet on the same shards. That holds for
 * tables of one unsharded keyspace, for reference tables (on every shard), for two routes to
 * the same single shard, and for rows joined on columns of the same unique vindex.
 */
final class Merging {

    private Merging() {
    }

    /** For a join of {@code left} and {@code right} with the predicates that connect them. */
    static boolean canMergeJoin(RouteOperator left, RouteOperator right, List<SQLExpr> predicates, boolean leftJoin, Scope scope) {
        if (!left.keyspace().name().equals(right.keyspace().name())) {
            return false;
        }
        RouteOpcode leftOpcode = left.routing().opcode();
        RouteOpcode rightOpcode = right.routing().opcode();
        if (leftOpcode == RouteOpcode.DBA || rightOpcode == RouteOpcode.DBA || leftOpcode == RouteOpcode.NEXT || rightOpcode == RouteOpcode.NEXT) {
            return leftOpcode == rightOpcode;
        }
        if (!left.keyspace().sharded()) {
            return true;
        }
        if (leftJoin) {
            if (left.onlyReferenceTables()) {
                return right.onlyReferenceTables();
            }
            if (right.onlyReferenceTables()) {
                return true;
            }
        } else if (left.onlyReferenceTables() || right.onlyReferenceTables()) {
            return true;
        }
        if (sameSingleShard(left.routing(), right.routing())) {
            return true;
        }
        return joinedOnVindex(left.tables(), right.tables(), predicates, scope);
    }

    /**
     * For a subquery (its own route) inside a query on {@code outer}: the subquery can stay in
     * the outer query when each shard has all the rows the subquery needs.
     */
    static boolean canMergeSubquery(RouteOperator outer, RouteOperator inner, Scope innerScope) {
        if (!outer.keyspace().name().equals(inner.keyspace().name())) {
            return false;
        }
        RouteOpcode outerOpcode = outer.routing().opcode();
        RouteOpcode innerOpcode = inner.routing().opcode();
        if (outerOpcode == RouteOpcode.DBA || innerOpcode == RouteOpcode.DBA) {
            return outerOpcode == innerOpcode;
        }
        if (!outer.keyspace().sharded()) {
            return true;
        }
        if (inner.onlyReferenceTables()) {
            return true;
        }
        if (sameSingleShard(outer.routing(), inner.routing())) {
            return true;
        }
        return joinedOnVindex(inner.tables(), outer.tables(), inner.predicates(), innerScope);
    }

    static boolean sameSingleShard(Routing left, Routing right) {
        if (left.opcode() != RouteOpcode.EQUAL_UNIQUE || right.opcode() != RouteOpcode.EQUAL_UNIQUE) {
            return false;
        }
        if (left.parameters().destination().isPresent() || right.parameters().destination().isPresent()) {
            return left.parameters().destination().map(destination -> destination.describe())
                    .equals(right.parameters().destination().map(destination -> destination.describe()));
        }
        return left.vindexName().equals(right.vindexName()) && left.valueText().equals(right.valueText());
    }

    private static boolean joinedOnVindex(Set<TableBinding> left, Set<TableBinding> right, List<SQLExpr> predicates, Scope scope) {
        for (SQLExpr predicate : predicates) {
            if (!(predicate instanceof SQLBinaryOpExpr equality) || equality.getOperator() != SQLBinaryOperator.Equality) {
                continue;
            }
            if (!Expressions.isColumn(equality.getLeft()) || !Expressions.isColumn(equality.getRight())) {
                continue;
            }
            Optional<TableBinding> first = single(equality.getLeft(), scope);
            Optional<TableBinding> second = single(equality.getRight(), scope);
            if (first.isEmpty() || second.isEmpty()) {
                continue;
            }
            String firstColumn = Expressions.columnName(equality.getLeft());
            String secondColumn = Expressions.columnName(equality.getRight());
            if (left.contains(first.get()) && right.contains(second.get())
                    && sameVindex(first.get(), firstColumn, second.get(), secondColumn)) {
                return true;
            }
            if (left.contains(second.get()) && right.contains(first.get())
                    && sameVindex(second.get(), secondColumn, first.get(), firstColumn)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<TableBinding> single(SQLExpr column, Scope scope) {
        Dependencies dependencies = Expressions.dependencies(column, scope);
        if (!dependencies.resolved() || dependencies.tables().size() != 1) {
            return Optional.empty();
        }
        TableBinding binding = dependencies.tables().iterator().next();
        return binding.table().isPresent() ? Optional.of(binding) : Optional.empty();
    }

    /**
     * Both columns map through the same unique vindex, so equal values live on the same shard.
     * A lookup vindex only counts when it is both tables' primary vindex.
     */
    private static boolean sameVindex(TableBinding first, String firstColumn, TableBinding second, String secondColumn) {
        Table firstTable = first.table().orElseThrow();
        Table secondTable = second.table().orElseThrow();
        if (!firstTable.keyspace().equals(secondTable.keyspace())) {
            return false;
        }
        for (ColumnVindex firstVindex : firstTable.vindexesOn(firstColumn)) {
            for (ColumnVindex secondVindex : secondTable.vindexesOn(secondColumn)) {
                if (!firstVindex.isSingleColumn() || !secondVindex.isSingleColumn() || !firstVindex.isUnique()
                        || !firstVindex.name().equals(secondVindex.name())) {
                    continue;
                }
                boolean bothPrimary = firstTable.primaryVindex().orElseThrow() == firstVindex
                        && secondTable.primaryVindex().orElseThrow() == secondVindex;
                if (!firstVindex.vindex().needsLookup() || bothPrimary) {
                    return true;
                }
            }
        }
        return false;
    }
}
