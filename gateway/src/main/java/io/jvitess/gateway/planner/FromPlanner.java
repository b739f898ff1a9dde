package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLJoinTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSubqueryTableSource;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUnionQueryTableSource;
import io.jvitess.gateway.engine.RouteOpcode;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.gateway.vschema.Table;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Turns a query block's FROM and WHERE into operators: a route per table, derived tables
 * planned on their own, predicates pushed to the routes they constrain, routes whose rows meet
 * on the same shards merged, and nested-loop joins between the rest (in FROM order).
 */
final class FromPlanner {

    private final PlanningContext context;
    private final QueryPlanner queries;
    private final TableResolver.ResolvedTables resolved;

    /** A block's tables: the scope, and for each FROM source its binding and (derived tables) its plan. */
    static final class Tables {
        final Map<SQLTableSource, TableBinding> bindings = new IdentityHashMap<>();
        final Map<SQLTableSource, PlannedQuery> derived = new IdentityHashMap<>();
        Scope scope;
    }

    /** Operators of a FROM clause not joined yet, and the predicates between them. */
    private static final class Units {
        final List<Operator> operators = new ArrayList<>();
        final List<SQLExpr> pending = new ArrayList<>();
    }

    FromPlanner(PlanningContext context, QueryPlanner queries, TableResolver.ResolvedTables resolved) {
        this.context = requireNonNull(context, "context is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.resolved = requireNonNull(resolved, "resolved is null");
    }

    Tables tables(SQLTableSource from, Optional<Scope> parent) {
        Tables tables = new Tables();
        List<TableBinding> bindings = new ArrayList<>();
        collect(from, tables, bindings);
        tables.scope = new Scope(bindings, parent);
        return tables;
    }

    private void collect(SQLTableSource source, Tables tables, List<TableBinding> bindings) {
        if (source == null) {
            return;
        }
        switch (source) {
            case SQLJoinTableSource join -> {
                collect(join.getLeft(), tables, bindings);
                collect(join.getRight(), tables, bindings);
            }
            case SQLExprTableSource table -> {
                String written = table.getExpr() instanceof SQLPropertyExpr property ? property.getName()
                        : table.getExpr() instanceof SQLIdentifierExpr identifier ? identifier.getName() : SqlPrinter.print(table.getExpr());
                String name = table.getAlias() != null ? Identifiers.unquote(table.getAlias()) : Identifiers.unquote(written);
                TableBinding binding;
                if (resolved.isSystem(table)) {
                    binding = TableBinding.ofSystem(name, table);
                } else {
                    Table vschemaTable = resolved.table(table).orElseThrow(() -> Unsupported.of("table reference %s", SqlPrinter.print(table)));
                    binding = TableBinding.ofTable(name, resolved.qualifier(table), vschemaTable, table);
                }
                tables.bindings.put(table, binding);
                bindings.add(binding);
            }
            case SQLSubqueryTableSource derived -> addDerived(derived, queries.planSelect(derived.getSelect(), Optional.empty()), tables, bindings);
            case SQLUnionQueryTableSource derived -> addDerived(derived, queries.planQuery(derived.getUnion(), Optional.empty()), tables, bindings);
            default -> throw Unsupported.of("table source %s", SqlPrinter.print(source));
        }
    }

    private static void addDerived(SQLTableSource source, PlannedQuery plan, Tables tables, List<TableBinding> bindings) {
        String alias = source.getAlias() == null ? "" : Identifiers.unquote(source.getAlias());
        TableBinding binding = TableBinding.ofDerived(alias, plan.columnNames(), source);
        tables.bindings.put(source, binding);
        tables.derived.put(source, plan);
        bindings.add(binding);
    }

    /** The operator tree of a FROM clause with the WHERE conjuncts that contain no subquery. */
    Operator plan(SQLTableSource from, List<SQLExpr> where, Tables tables) {
        Units units = build(from, tables);
        units.pending.addAll(where);
        return reduce(units, tables.scope);
    }

    private Units build(SQLTableSource source, Tables tables) {
        Units units = new Units();
        switch (source) {
            case SQLExprTableSource table -> units.operators.add(leaf(table, tables));
            case SQLSubqueryTableSource derived -> units.operators.add(derivedLeaf(derived, tables));
            case SQLUnionQueryTableSource derived -> units.operators.add(derivedLeaf(derived, tables));
            case SQLJoinTableSource join -> join(join, tables, units);
            default -> throw Unsupported.of("table source %s", SqlPrinter.print(source));
        }
        return units;
    }

    private Operator leaf(SQLExprTableSource table, Tables tables) {
        TableBinding binding = tables.bindings.get(table);
        if (binding.isSystem()) {
            KeyspaceInfo keyspace = defaultKeyspace();
            return RouteOperator.fixed(tables.scope, Set.of(binding), table, Routing.of(RouteOpcode.DBA, keyspace));
        }
        return RouteOperator.forTable(tables.scope, binding);
    }

    KeyspaceInfo defaultKeyspace() {
        String name = context.defaultKeyspace().orElseGet(() -> context.vschema().keyspaceNames().stream().findFirst()
                .orElseThrow(() -> io.jvitess.common.errors.VtException.of(io.jvitess.common.errors.VtCode.FAILED_PRECONDITION,
                        io.jvitess.common.errors.SqlState.NO_DB,
                        "VT09005: no database selected: use keyspace<:shard><@type> or keyspace<[range]><@type> (<> are optional)")));
        return context.vschema().requireKeyspace(name).info();
    }

    private Operator derivedLeaf(SQLTableSource derived, Tables tables) {
        TableBinding binding = tables.bindings.get(derived);
        PlannedQuery plan = tables.derived.get(derived);
        if (plan.route().isPresent()) {
            return RouteOperator.forDerived(tables.scope, binding, plan.route().get().routing());
        }
        return new DerivedOperator(tables.scope, binding, plan.primitive(), plan.columnNames());
    }

    private void join(SQLJoinTableSource join, Tables tables, Units units) {
        if (join.isNatural() || join.getJoinType() == SQLJoinTableSource.JoinType.NATURAL_JOIN
                || join.getJoinType() == SQLJoinTableSource.JoinType.NATURAL_INNER_JOIN
                || join.getJoinType() == SQLJoinTableSource.JoinType.NATURAL_LEFT_JOIN
                || join.getJoinType() == SQLJoinTableSource.JoinType.NATURAL_RIGHT_JOIN) {
            throw Unsupported.of("natural join");
        }
        List<SQLExpr> on = new ArrayList<>(Expressions.conjuncts(join.getCondition()));
        on.addAll(usingConditions(join, tables));
        switch (join.getJoinType()) {
            case COMMA, JOIN, INNER_JOIN, CROSS_JOIN, STRAIGHT_JOIN -> {
                Units left = build(join.getLeft(), tables);
                Units right = build(join.getRight(), tables);
                units.operators.addAll(left.operators);
                units.operators.addAll(right.operators);
                units.pending.addAll(left.pending);
                units.pending.addAll(right.pending);
                for (SQLExpr predicate : on) {
                    if (Expressions.containsSubquery(predicate)) {
                        throw Unsupported.of("subquery in the ON clause of a cross-shard join");
                    }
                    units.pending.add(predicate);
                }
            }
            case LEFT_OUTER_JOIN, RIGHT_OUTER_JOIN -> {
                boolean right = join.getJoinType() == SQLJoinTableSource.JoinType.RIGHT_OUTER_JOIN;
                Operator outer = reduce(build(right ? join.getRight() : join.getLeft(), tables), tables.scope);
                Operator inner = reduce(build(right ? join.getLeft() : join.getRight(), tables), tables.scope);
                units.operators.add(leftJoin(outer, inner, on, right, tables.scope));
            }
            default -> throw Unsupported.of("%s", join.getJoinType().name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private Operator leftJoin(Operator outer, Operator inner, List<SQLExpr> on, boolean writtenAsRightJoin, Scope scope) {
        if (outer instanceof RouteOperator outerRoute && inner instanceof RouteOperator innerRoute
                && Merging.canMergeJoin(outerRoute, innerRoute, on, true, scope)) {
            boolean subqueries = on.stream().anyMatch(Expressions::containsSubquery);
            if (!subqueries || !outerRoute.keyspace().sharded()) {
                return outerRoute.merge(innerRoute, true, on, writtenAsRightJoin);
            }
        }
        if (on.stream().anyMatch(Expressions::containsSubquery)) {
            throw Unsupported.of("subquery in the ON clause of a cross-shard LEFT JOIN");
        }
        JoinOperator join = new JoinOperator(context, scope, outer, inner, true);
        on.forEach(join::addJoinPredicate);
        return join;
    }

    /** {@code a join b using (c)} as {@code a.c = b.c}, when each side is one table. */
    private List<SQLExpr> usingConditions(SQLJoinTableSource join, Tables tables) {
        List<SQLExpr> conditions = new ArrayList<>();
        if (join.getUsing() == null || join.getUsing().isEmpty()) {
            return conditions;
        }
        TableBinding left = tables.bindings.get(join.getLeft());
        TableBinding right = tables.bindings.get(join.getRight());
        if (left == null || right == null) {
            throw Unsupported.of("JOIN ... USING between more than two tables in a cross-shard query");
        }
        for (SQLExpr column : join.getUsing()) {
            String name = Identifiers.unquote(SqlPrinter.print(column));
            conditions.add(new SQLBinaryOpExpr(new SQLPropertyExpr(Identifiers.printable(left.name()), name), SQLBinaryOperator.Equality,
                    new SQLPropertyExpr(Identifiers.printable(right.name()), name), com.alibaba.druid.DbType.mysql));
        }
        return conditions;
    }

    /** Applies the pending predicates, merges what can be merged and joins the rest left to right. */
    private Operator reduce(Units units, Scope scope) {
        List<Operator> operators = new ArrayList<>(units.operators);
        List<SQLExpr> remaining = new ArrayList<>();
        for (SQLExpr predicate : units.pending) {
            Dependencies dependencies = Expressions.dependencies(predicate, scope);
            Operator target = null;
            if (!dependencies.resolved()) {
                if (operators.size() != 1) {
                    throw Scope.ambiguousColumn(dependencies.unresolvedColumns().getFirst());
                }
                target = operators.getFirst();
            } else {
                for (Operator operator : operators) {
                    if (operator.tables().containsAll(dependencies.tables())) {
                        target = operator;
                        break;
                    }
                }
            }
            if (target != null) {
                target.addPredicate(predicate);
            } else {
                remaining.add(predicate);
            }
        }
        boolean merged = true;
        while (merged && operators.size() > 1) {
            merged = false;
            search:
            for (int first = 0; first < operators.size(); first++) {
                for (int second = first + 1; second < operators.size(); second++) {
                    if (!(operators.get(first) instanceof RouteOperator left) || !(operators.get(second) instanceof RouteOperator right)) {
                        continue;
                    }
                    List<SQLExpr> connecting = connecting(remaining, left, right, scope);
                    if (Merging.canMergeJoin(left, right, connecting, false, scope)) {
                        remaining.removeAll(connecting);
                        operators.set(first, left.merge(right, false, connecting));
                        operators.remove(second);
                        merged = true;
                        break search;
                    }
                }
            }
        }
        Operator result = operators.getFirst();
        for (Operator next : operators.subList(1, operators.size())) {
            JoinOperator join = new JoinOperator(context, scope, result, next, false);
            Set<TableBinding> covered = new LinkedHashSet<>(join.tables());
            for (SQLExpr predicate : List.copyOf(remaining)) {
                if (covered.containsAll(Expressions.dependencies(predicate, scope).tables())) {
                    join.addPredicate(predicate);
                    remaining.remove(predicate);
                }
            }
            result = join;
        }
        for (SQLExpr predicate : remaining) {
            result.addPredicate(predicate);
        }
        return result;
    }

    private static List<SQLExpr> connecting(List<SQLExpr> predicates, RouteOperator left, RouteOperator right, Scope scope) {
        Set<TableBinding> both = new LinkedHashSet<>(left.tables());
        both.addAll(right.tables());
        List<SQLExpr> connecting = new ArrayList<>();
        for (SQLExpr predicate : predicates) {
            Set<TableBinding> tables = Expressions.dependencies(predicate, scope).tables();
            if (both.containsAll(tables)) {
                connecting.add(predicate);
            }
        }
        return connecting;
    }
}
