package io.jvitess.gateway.planner;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLLimit;
import com.alibaba.druid.sql.ast.SQLOrderBy;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLExistsExpr;
import com.alibaba.druid.sql.ast.expr.SQLInListExpr;
import com.alibaba.druid.sql.ast.expr.SQLInSubQueryExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLNotExpr;
import com.alibaba.druid.sql.ast.expr.SQLQueryExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectQuery;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLUnionOperator;
import com.alibaba.druid.sql.ast.statement.SQLUnionQuery;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.gateway.engine.Concatenate;
import io.jvitess.gateway.engine.Distinct;
import io.jvitess.gateway.engine.Limit;
import io.jvitess.gateway.engine.MemorySort;
import io.jvitess.gateway.engine.OrderByParams;
import io.jvitess.gateway.engine.Primitive;
import io.jvitess.gateway.engine.RouteOpcode;
import io.jvitess.gateway.engine.SubqueryOpcode;
import io.jvitess.gateway.engine.UncorrelatedSubquery;
import io.jvitess.gateway.vschema.KeyspaceInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Plans SELECT and UNION: FROM/WHERE into operators, subqueries merged into the route they
 * belong to or pulled out to run first, then the horizon; UNION branches merge into one route
 * when they can, else vtgate concatenates them (and removes duplicates for UNION).
 */
final class QueryPlanner {

    private final PlanningContext context;
    private final FromPlanner from;

    QueryPlanner(PlanningContext context, TableResolver.ResolvedTables resolved) {
        this.context = requireNonNull(context, "context is null");
        this.from = new FromPlanner(context, this, resolved);
    }

    PlannedQuery planSelect(SQLSelect select, Optional<Scope> parent) {
        if (select.getWithSubQuery() != null) {
            throw Unsupported.of("WITH clause in a query on a sharded keyspace");
        }
        SQLSelectQuery query = select.getQuery();
        if (select.getOrderBy() != null || select.getLimit() != null) {
            if (query instanceof SQLSelectQueryBlock block && block.getOrderBy() == null && block.getLimit() == null) {
                block.setOrderBy(select.getOrderBy());
                block.setLimit(select.getLimit());
                select.setOrderBy(null);
                select.setLimit(null);
            } else if (query instanceof SQLUnionQuery union && union.getOrderBy() == null && union.getLimit() == null) {
                union.setOrderBy(select.getOrderBy());
                union.setLimit(select.getLimit());
                select.setOrderBy(null);
                select.setLimit(null);
            }
        }
        return planQuery(query, parent);
    }

    PlannedQuery planQuery(SQLSelectQuery query, Optional<Scope> parent) {
        return switch (query) {
            case SQLSelectQueryBlock block -> planBlock(block, parent);
            case SQLUnionQuery union -> planUnion(union, parent);
            default -> throw Unsupported.of("query %s", SqlPrinter.print(query));
        };
    }

    private PlannedQuery planBlock(SQLSelectQueryBlock block, Optional<Scope> parent) {
        if (block.getFrom() == null || isDual(block.getFrom())) {
            return planDual(block, parent);
        }
        FromPlanner.Tables tables = from.tables(block.getFrom(), parent);
        Scope scope = tables.scope;
        List<SQLExpr> plain = new ArrayList<>();
        List<SQLExpr> withSubqueries = new ArrayList<>();
        for (SQLExpr conjunct : Expressions.conjuncts(block.getWhere())) {
            (Expressions.containsSubquery(conjunct) ? withSubqueries : plain).add(conjunct);
        }
        Operator root = from.plan(block.getFrom(), plain, tables);
        List<Pullout> pullouts = new ArrayList<>();
        for (SQLExpr conjunct : withSubqueries) {
            SQLExpr rewritten = handleSubqueries(conjunct, root, scope, pullouts, false);
            for (SQLExpr part : Expressions.conjuncts(rewritten)) {
                root.addPredicate(part);
            }
        }
        handleHorizonSubqueries(block, root, scope, pullouts);
        if (block.isForUpdate() || block instanceof MySqlSelectQueryBlock mysql && mysql.isLockInShareMode()) {
            boolean share = block instanceof MySqlSelectQueryBlock mysql && mysql.isLockInShareMode();
            lockRoutes(root, block.isForUpdate(), share);
        }
        Horizon horizon = Horizon.of(block);
        HorizonPlanner.Result result = new HorizonPlanner(scope).plan(root, block, horizon);
        Primitive primitive = wrap(result.primitive(), pullouts);
        Optional<RouteOperator> route = result.wholeBlockInRoute() && pullouts.isEmpty() && root instanceof RouteOperator single
                ? Optional.of(single) : Optional.empty();
        return new PlannedQuery(primitive, horizon.columnNames(), route);
    }

    private static boolean isDual(com.alibaba.druid.sql.ast.statement.SQLTableSource from) {
        return from instanceof com.alibaba.druid.sql.ast.statement.SQLExprTableSource table && table.getAlias() == null
                && table.getExpr() instanceof com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr name
                && Identifiers.unquote(name.getName()).equalsIgnoreCase("dual");
    }

    private static void lockRoutes(Operator operator, boolean exclusive, boolean shared) {
        switch (operator) {
            case RouteOperator route -> route.lock(exclusive, shared);
            case JoinOperator join -> {
                lockRoutes(join.left(), exclusive, shared);
                lockRoutes(join.right(), exclusive, shared);
            }
            case DerivedOperator ignored -> {
            }
        }
    }

    /** SELECT without FROM: to any shard of the session's keyspace (or the first keyspace). */
    private PlannedQuery planDual(SQLSelectQueryBlock block, Optional<Scope> parent) {
        KeyspaceInfo keyspace = from.defaultKeyspace();
        Scope scope = new Scope(List.of(), parent);
        RouteOperator route = RouteOperator.fixed(scope, Set.of(), null,
                Routing.of(keyspace.sharded() ? RouteOpcode.REFERENCE : RouteOpcode.UNSHARDED, keyspace));
        List<Pullout> pullouts = new ArrayList<>();
        handleHorizonSubqueries(block, route, scope, pullouts);
        Horizon horizon = Horizon.of(block);
        HorizonPlanner.Result result = new HorizonPlanner(scope).plan(route, block, horizon);
        return new PlannedQuery(wrap(result.primitive(), pullouts), horizon.columnNames(),
                pullouts.isEmpty() ? Optional.of(route) : Optional.empty());
    }

    static Primitive wrap(Primitive outer, List<Pullout> pullouts) {
        Primitive wrapped = outer;
        for (int index = pullouts.size() - 1; index >= 0; index--) {
            Pullout pullout = pullouts.get(index);
            wrapped = new UncorrelatedSubquery(pullout.opcode(), pullout.subqueryVariable(), pullout.hasValuesVariable(), pullout.plan(), wrapped);
        }
        return wrapped;
    }

    /** Subqueries of select columns and HAVING: merged when they can run in the block's route, else pulled out. */
    private void handleHorizonSubqueries(SQLSelectQueryBlock block, Operator root, Scope scope, List<Pullout> pullouts) {
        for (SQLSelectItem item : block.getSelectList()) {
            if (!Expressions.containsSubquery(item.getExpr())) {
                continue;
            }
            String original = SqlPrinter.print(item.getExpr());
            SQLExpr rewritten = handleSubqueries(item.getExpr(), root, scope, pullouts, true);
            if (rewritten != item.getExpr()) {
                item.setExpr(rewritten);
                rewritten.setParent(item);
            }
            if (item.getAlias() == null && !SqlPrinter.print(rewritten).equals(original)) {
                item.setAlias(Identifiers.quote(original));
            }
        }
        if (block.getGroupBy() != null && block.getGroupBy().getHaving() != null && Expressions.containsSubquery(block.getGroupBy().getHaving())) {
            SQLExpr rewritten = handleSubqueries(block.getGroupBy().getHaving(), root, scope, pullouts, true);
            block.getGroupBy().setHaving(rewritten);
        }
        List<SQLExpr> mustMerge = new ArrayList<>();
        if (block.getOrderBy() != null) {
            block.getOrderBy().getItems().forEach(item -> mustMerge.add(item.getExpr()));
        }
        if (block.getGroupBy() != null) {
            mustMerge.addAll(block.getGroupBy().getItems());
        }
        for (SQLExpr expression : mustMerge) {
            requireMergeable(expression, root, scope, "ORDER BY or GROUP BY");
        }
    }

    /** Subqueries that cannot be pulled out must run inside the one route of the query. */
    void requireMergeable(SQLExpr expression, Operator root, Scope scope, String where) {
        for (SQLExpr subquery : Expressions.subqueries(expression)) {
            Candidate candidate = candidate(selectOf(subquery), scope);
            if (!(root instanceof RouteOperator route) || candidate.route().isEmpty()
                    || !Merging.canMergeSubquery(route, candidate.route().get(), candidate.scope())) {
                throw Unsupported.of("subquery in %s of a cross-shard query", where);
            }
        }
    }

    /**
     * Keeps each subquery of {@code expression} inline when it can run inside the route that
     * evaluates the expression, otherwise replaces it with bind variables of a pulled-out plan.
     */
    SQLExpr handleSubqueries(SQLExpr expression, Operator root, Scope scope, List<Pullout> pullouts, boolean inHorizon) {
        SQLExpr result = expression;
        for (SQLExpr subquery : Expressions.subqueries(expression)) {
            SQLSelect select = selectOf(subquery);
            Candidate candidate = candidate(select, scope);
            Dependencies dependencies = Expressions.dependencies(expression, scope);
            Optional<RouteOperator> target = inHorizon && root instanceof RouteOperator route ? Optional.of(route)
                    : routeFor(root, dependencies.tables());
            if (target.isPresent() && candidate.route().isPresent()
                    && Merging.canMergeSubquery(target.get(), candidate.route().get(), candidate.scope())) {
                continue;
            }
            if (candidate.correlated()) {
                throw Unsupported.of("cross-shard correlated subquery");
            }
            SQLExpr replacement = pullOut(subquery, pullouts);
            if (subquery == result) {
                result = replacement;
            } else {
                SQLUtils.replaceInParent(subquery, replacement);
            }
        }
        return result;
    }

    private record Candidate(Optional<RouteOperator> route, Scope scope, boolean correlated) {
    }

    /** Plans the subquery's FROM/WHERE on its own to see whether it is one route, and whether it reads the outer query. */
    private Candidate candidate(SQLSelect select, Scope outer) {
        boolean correlated = !Expressions.dependencies(select, outer).tables().isEmpty();
        if (select.getWithSubQuery() != null || !(select.getQuery() instanceof SQLSelectQueryBlock block) || block.getFrom() == null
                || Expressions.containsSubquery(block.getFrom()) || hasNestedSubquery(block)) {
            return new Candidate(Optional.empty(), outer, correlated);
        }
        FromPlanner.Tables tables = from.tables(block.getFrom(), Optional.of(outer));
        Operator root = from.plan(block.getFrom(), Expressions.conjuncts(block.getWhere()), tables);
        return root instanceof RouteOperator route
                ? new Candidate(Optional.of(route), tables.scope, correlated)
                : new Candidate(Optional.empty(), tables.scope, correlated);
    }

    private static boolean hasNestedSubquery(SQLSelectQueryBlock block) {
        if (block.getWhere() != null && Expressions.containsSubquery(block.getWhere())) {
            return true;
        }
        for (SQLSelectItem item : block.getSelectList()) {
            if (Expressions.containsSubquery(item.getExpr())) {
                return true;
            }
        }
        return block.getGroupBy() != null && block.getGroupBy().getHaving() != null && Expressions.containsSubquery(block.getGroupBy().getHaving());
    }

    /** The route an expression over {@code tables} would be evaluated in, if it is one route. */
    private static Optional<RouteOperator> routeFor(Operator operator, Set<TableBinding> tables) {
        return switch (operator) {
            case RouteOperator route -> route.tables().containsAll(tables) ? Optional.of(route) : Optional.empty();
            case JoinOperator join -> {
                if (tables.isEmpty()) {
                    yield Optional.empty();
                }
                if (join.left().tables().containsAll(tables)) {
                    yield routeFor(join.left(), tables);
                }
                if (!join.leftJoin() && join.right().tables().containsAll(tables)) {
                    yield routeFor(join.right(), tables);
                }
                yield Optional.empty();
            }
            case DerivedOperator ignored -> Optional.empty();
        };
    }

    private static SQLSelect selectOf(SQLExpr subquery) {
        return switch (subquery) {
            case SQLInSubQueryExpr in -> in.getSubQuery();
            case SQLExistsExpr exists -> exists.getSubQuery();
            case SQLQueryExpr query -> query.getSubQuery();
            case com.alibaba.druid.sql.ast.expr.SQLAnyExpr any -> any.getSubQuery();
            case com.alibaba.druid.sql.ast.expr.SQLAllExpr all -> all.getSubQuery();
            case com.alibaba.druid.sql.ast.expr.SQLSomeExpr some -> some.getSubQuery();
            default -> throw new IllegalStateException("not a subquery: " + subquery);
        };
    }

    /** Plans an uncorrelated subquery to run first and returns the expression that replaces it. */
    private SQLExpr pullOut(SQLExpr subquery, List<Pullout> pullouts) {
        int number = context.nextSubquery();
        String values = "__sq" + number;
        String hasValues = "__sq_has_values" + number;
        SQLExpr replacement;
        SubqueryOpcode opcode;
        PlannedQuery plan;
        switch (subquery) {
            case SQLInSubQueryExpr in -> {
                plan = planSelect(in.getSubQuery(), Optional.empty());
                checkOneColumn(plan);
                SQLInListExpr list = new SQLInListExpr(in.getExpr().clone(), in.isNot());
                list.addTarget(new BindVariableExpr("::" + values));
                SQLBinaryOpExpr hasValuesTest = new SQLBinaryOpExpr(new BindVariableExpr(":" + hasValues), SQLBinaryOperator.Equality,
                        new SQLIntegerExpr(in.isNot() ? 0 : 1), DbType.mysql);
                SQLBinaryOpExpr combined = new SQLBinaryOpExpr(hasValuesTest, in.isNot() ? SQLBinaryOperator.BooleanOr : SQLBinaryOperator.BooleanAnd,
                        list, DbType.mysql);
                combined.setParenthesized(true);
                replacement = combined;
                opcode = in.isNot() ? SubqueryOpcode.PULLOUT_NOT_IN : SubqueryOpcode.PULLOUT_IN;
            }
            case SQLExistsExpr exists -> {
                SQLSelect select = exists.getSubQuery();
                if (select.getQuery() instanceof SQLSelectQueryBlock block && block.getLimit() == null) {
                    block.setLimit(new SQLLimit(1));
                }
                plan = planSelect(select, Optional.empty());
                SQLVariantRefExpr test = new BindVariableExpr(":" + hasValues);
                replacement = exists.isNot() ? new SQLNotExpr(test) : test;
                opcode = SubqueryOpcode.PULLOUT_EXISTS;
            }
            case SQLQueryExpr query -> {
                plan = planSelect(query.getSubQuery(), Optional.empty());
                checkOneColumn(plan);
                replacement = new BindVariableExpr(":" + values);
                opcode = SubqueryOpcode.PULLOUT_VALUE;
            }
            default -> throw Unsupported.of("ANY/ALL/SOME subquery in a cross-shard query");
        }
        pullouts.add(new Pullout(opcode, values, hasValues, plan.primitive()));
        return replacement;
    }

    private static void checkOneColumn(PlannedQuery plan) {
        if (plan.columnNames().size() != 1) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, new SqlState(1241, "21000"), "Operand should contain 1 column(s)");
        }
    }

    private PlannedQuery planUnion(SQLUnionQuery union, Optional<Scope> parent) {
        if (union.getRelations().size() > 2) {
            throw Unsupported.of("UNION with more than two operands in one node");
        }
        PlannedQuery left = planQuery(union.getLeft(), parent);
        PlannedQuery right = planQuery(union.getRight(), parent);
        if (left.columnNames().size() != right.columnNames().size()) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, new SqlState(1222, "21000"),
                    "The used SELECT statements have a different number of columns");
        }
        boolean distinct = union.getOperator() != SQLUnionOperator.UNION_ALL;
        List<String> names = left.columnNames();
        Optional<RouteOperator> merged = mergeUnion(left, right);
        if (merged.isPresent()) {
            return mergedUnion(union, merged.get(), names, distinct);
        }
        List<Primitive> sources = new ArrayList<>();
        addSources(left.primitive(), sources);
        addSources(right.primitive(), sources);
        Primitive primitive = new Concatenate(sources);
        if (distinct) {
            primitive = new Distinct(0, primitive);
        }
        List<OrderByParams> order = unionOrder(union.getOrderBy(), names);
        if (!order.isEmpty()) {
            primitive = new MemorySort(order, 0, primitive);
        }
        Optional<HorizonPlanner.LimitValues> limit = HorizonPlanner.limit(union.getLimit());
        if (limit.isPresent()) {
            primitive = new Limit(limit.get().count(), limit.get().offset(), primitive);
        }
        return new PlannedQuery(primitive, names, Optional.empty());
    }

    private static void addSources(Primitive primitive, List<Primitive> sources) {
        if (primitive instanceof Concatenate concatenate) {
            sources.addAll(concatenate.sources());
        } else {
            sources.add(primitive);
        }
    }

    /** Both branches as one route: same unsharded keyspace, same single shard, or both spread over one sharded keyspace. */
    private static Optional<RouteOperator> mergeUnion(PlannedQuery left, PlannedQuery right) {
        if (left.route().isEmpty() || right.route().isEmpty()) {
            return Optional.empty();
        }
        RouteOperator first = left.route().get();
        RouteOperator second = right.route().get();
        if (!first.keyspace().name().equals(second.keyspace().name())) {
            return Optional.empty();
        }
        RouteOpcode firstOpcode = first.routing().opcode();
        RouteOpcode secondOpcode = second.routing().opcode();
        if (firstOpcode == RouteOpcode.DBA || secondOpcode == RouteOpcode.DBA || firstOpcode == RouteOpcode.NEXT || secondOpcode == RouteOpcode.NEXT) {
            return Optional.empty();
        }
        if (!first.keyspace().sharded() || Merging.sameSingleShard(first.routing(), second.routing())
                || firstOpcode == RouteOpcode.REFERENCE && secondOpcode == RouteOpcode.REFERENCE) {
            return Optional.of(first);
        }
        if (firstOpcode == RouteOpcode.REFERENCE || secondOpcode == RouteOpcode.REFERENCE
                || first.routing().isSingleShard() && second.routing().isSingleShard()) {
            return Optional.empty();
        }
        return Optional.of(RouteOperator.fixed(new Scope(List.of(), Optional.empty()), Set.of(), null, Routing.of(RouteOpcode.SCATTER, first.keyspace())));
    }

    private PlannedQuery mergedUnion(SQLUnionQuery union, RouteOperator route, List<String> names, boolean distinct) {
        SQLUnionQuery query = union.clone();
        if (route.routing().isSingleShard() || !route.keyspace().sharded()) {
            route.setQuery(query, List.of(), 0);
            return new PlannedQuery(route.build(), names, Optional.of(route));
        }
        List<OrderByParams> order = unionOrder(union.getOrderBy(), names);
        Optional<HorizonPlanner.LimitValues> limit = HorizonPlanner.limit(union.getLimit());
        if (limit.isPresent()) {
            query.setLimit(new SQLLimit(new BindVariableExpr(":" + Limit.UPPER_LIMIT)));
        }
        route.setQuery(query, distinct ? List.of() : order, 0);
        Primitive primitive = route.build();
        if (distinct) {
            primitive = new Distinct(0, primitive);
            if (!order.isEmpty()) {
                primitive = new MemorySort(order, 0, primitive);
            }
        }
        if (limit.isPresent()) {
            primitive = new Limit(limit.get().count(), limit.get().offset(), primitive);
        }
        boolean embeddable = !distinct && limit.isEmpty();
        return new PlannedQuery(primitive, names, embeddable ? Optional.of(route) : Optional.empty());
    }

    /** UNION's ORDER BY names columns of the result (by position or name). */
    private static List<OrderByParams> unionOrder(SQLOrderBy orderBy, List<String> names) {
        List<OrderByParams> order = new ArrayList<>();
        if (orderBy == null) {
            return order;
        }
        for (SQLSelectOrderByItem item : orderBy.getItems()) {
            int column = -1;
            if (item.getExpr() instanceof SQLIntegerExpr position) {
                column = position.getNumber().intValue() - 1;
            } else if (Expressions.isColumn(item.getExpr())) {
                String name = Expressions.columnName(item.getExpr());
                for (int index = 0; index < names.size(); index++) {
                    if (names.get(index).equalsIgnoreCase(name)) {
                        column = index;
                        break;
                    }
                }
            }
            if (column < 0 || column >= names.size()) {
                throw Unsupported.of("ORDER BY %s on a UNION across shards", SqlPrinter.print(item.getExpr()));
            }
            order.add(new OrderByParams(column, -1, item.getType() == com.alibaba.druid.sql.ast.SQLOrderingSpecification.DESC));
        }
        return order;
    }
}
