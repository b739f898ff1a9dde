package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLLimit;
import com.alibaba.druid.sql.ast.SQLOrderBy;
import com.alibaba.druid.sql.ast.SQLOrderingSpecification;
import com.alibaba.druid.sql.ast.expr.SQLAggregateExpr;
import com.alibaba.druid.sql.ast.statement.SQLSelectGroupByClause;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import io.jvitess.common.errors.VtException;
import io.jvitess.gateway.engine.Aggregate;
import io.jvitess.gateway.engine.Distinct;
import io.jvitess.gateway.engine.Filter;
import io.jvitess.gateway.engine.Limit;
import io.jvitess.gateway.engine.MemorySort;
import io.jvitess.gateway.engine.OrderByParams;
import io.jvitess.gateway.engine.Primitive;
import io.jvitess.gateway.engine.Projection;
import io.jvitess.gateway.engine.SimpleProjection;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.ColumnVindex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;

/**
 * Plans what happens after FROM/WHERE. A single-shard route (or a horizon each shard can
 * compute alone) sends the whole block; a scatter route adds merge-sorting, LIMIT and partial
 * aggregation; across joins and derived tables vtgate sorts, groups and limits rows itself.
 */
final class HorizonPlanner {

    /** The primitive, and whether it is one route sending the whole block (which can then be embedded elsewhere). */
    record Result(Primitive primitive, boolean wholeBlockInRoute) {
    }

    private final Scope scope;
    private final WeightStrings weightStrings;

    HorizonPlanner(Scope scope) {
        this.scope = requireNonNull(scope, "scope is null");
        this.weightStrings = new WeightStrings(scope);
    }

    Result plan(Operator root, SQLSelectQueryBlock block, Horizon horizon) {
        if (root instanceof RouteOperator route) {
            if (route.routing().isSingleShard() || !route.keyspace().sharded()) {
                return pushWhole(route, block, horizon);
            }
            checkShardedConstructs(block, horizon);
            if (horizon.isSimple() || !horizon.aggregated() && !horizon.distinct() || shardLocalGrouping(route, horizon)) {
                return pushWhole(route, block, horizon);
            }
            return new Result(scatterAggregation(route, block, horizon), false);
        }
        checkShardedConstructs(block, horizon);
        return new Result(inVtgate(root, block, horizon), false);
    }

    private static void checkShardedConstructs(SQLSelectQueryBlock block, Horizon horizon) {
        if (horizon.withRollup()) {
            throw Unsupported.of("GROUP BY WITH ROLLUP not supported for sharded queries");
        }
        for (Horizon.SelectColumn column : horizon.columns()) {
            for (SQLAggregateExpr call : Expressions.aggregates(column.expression())) {
                if (call.getOver() != null) {
                    throw Unsupported.of("OVER CLAUSE with sharded keyspace");
                }
            }
        }
        if (block instanceof MySqlSelectQueryBlock mysql && mysql.isCalcFoundRows()) {
            throw Unsupported.of("SQL_CALC_FOUND_ROWS in a cross-shard query");
        }
    }

    /** Grouping (or DISTINCT) on a unique vindex column: every group lives on one shard. */
    private boolean shardLocalGrouping(RouteOperator route, Horizon horizon) {
        List<SQLExpr> keys = new ArrayList<>(horizon.groupBy());
        if (keys.isEmpty() && horizon.distinct() && !horizon.hasStar()) {
            horizon.columns().forEach(column -> keys.add(column.expression()));
        }
        if (horizon.distinct() && !horizon.groupBy().isEmpty()) {
            return false;
        }
        for (SQLExpr key : keys) {
            if (!Expressions.isColumn(key)) {
                continue;
            }
            Dependencies dependencies = Expressions.dependencies(key, scope);
            if (!dependencies.resolved() || dependencies.tables().size() != 1) {
                continue;
            }
            TableBinding binding = dependencies.tables().iterator().next();
            if (route.isOuterJoined(binding) || binding.table().isEmpty()) {
                continue;
            }
            for (ColumnVindex vindex : binding.table().get().vindexesOn(Expressions.columnName(key))) {
                if (vindex.isSingleColumn() && vindex.isUnique()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The whole block runs on every shard of the route; vtgate merge-sorts and applies LIMIT across shards. */
    private Result pushWhole(RouteOperator route, SQLSelectQueryBlock block, Horizon horizon) {
        SQLSelectQueryBlock query = block.clone();
        query.setFrom(route.from() == null ? null : route.from().clone());
        query.setWhere(route.where());
        if (route.routing().isSingleShard() || !route.keyspace().sharded()) {
            route.setQuery(query, List.of(), 0);
            return new Result(route.build(), true);
        }
        List<OrderByParams> order = new ArrayList<>();
        int truncate = 0;
        if (!horizon.orderBy().isEmpty()) {
            if (horizon.hasStar()) {
                // The width of * is unknown here: the sort columns go last and are found from the end of the row.
                List<SQLExpr> trailing = new ArrayList<>();
                List<boolean[]> withWeights = new ArrayList<>();
                for (Horizon.OrderItem item : horizon.orderBy()) {
                    trailing.add(item.expression());
                    boolean weight = weightStrings.needed(item.expression());
                    if (weight) {
                        trailing.add(RouteOperator.weightString(item.expression()));
                    }
                    withWeights.add(new boolean[] {weight});
                }
                trailing.forEach(expression -> query.addSelectItem(new SQLSelectItem(expression.clone())));
                int fromEnd = trailing.size();
                for (int index = 0; index < horizon.orderBy().size(); index++) {
                    boolean weight = withWeights.get(index)[0];
                    order.add(new OrderByParams(fromEnd, weight ? fromEnd - 1 : -1, horizon.orderBy().get(index).descending(), true));
                    fromEnd -= weight ? 2 : 1;
                }
                truncate = -trailing.size();
            } else {
                int visible = query.getSelectList().size();
                for (Horizon.OrderItem item : horizon.orderBy()) {
                    int column = item.selectIndex();
                    if (column < 0) {
                        query.addSelectItem(new SQLSelectItem(item.expression().clone()));
                        column = query.getSelectList().size() - 1;
                    }
                    int weight = -1;
                    if (weightStrings.needed(item.expression())) {
                        query.addSelectItem(new SQLSelectItem(RouteOperator.weightString(item.expression())));
                        weight = query.getSelectList().size() - 1;
                    }
                    order.add(new OrderByParams(column, weight, item.descending()));
                }
                truncate = query.getSelectList().size() > visible ? visible : 0;
            }
        }
        Optional<LimitValues> limit = limit(horizon.limit());
        if (limit.isPresent()) {
            query.setLimit(new SQLLimit(new BindVariableExpr(":" + Limit.UPPER_LIMIT)));
        }
        route.setQuery(query, order, truncate);
        Primitive primitive = route.build();
        if (limit.isPresent()) {
            primitive = new Limit(limit.get().count(), limit.get().offset(), primitive);
        }
        return new Result(primitive, limit.isEmpty());
    }

    record LimitValues(EvalExpression count, Optional<EvalExpression> offset) {
    }

    static Optional<LimitValues> limit(SQLLimit limit) {
        if (limit == null) {
            return Optional.empty();
        }
        EvalExpression count = EvalConverter.constant(limit.getRowCount())
                .orElseThrow(() -> Unsupported.of("LIMIT with a non-constant value in a cross-shard query"));
        Optional<EvalExpression> offset = Optional.empty();
        if (limit.getOffset() != null) {
            offset = Optional.of(EvalConverter.constant(limit.getOffset())
                    .orElseThrow(() -> Unsupported.of("OFFSET with a non-constant value in a cross-shard query")));
        }
        return Optional.of(new LimitValues(count, offset));
    }

    /** GROUP BY / aggregates on a scatter route: shards compute partial aggregates per group, vtgate combines them. */
    private Primitive scatterAggregation(RouteOperator route, SQLSelectQueryBlock block, Horizon horizon) {
        PushedAggregation pushed = new PushedAggregation();
        List<Integer> visibleSlots = new ArrayList<>();
        if (horizon.hasStar()) {
            throw Unsupported.of("'*' expression in cross-shard aggregation");
        }
        for (Horizon.SelectColumn column : horizon.columns()) {
            boolean plain = !Expressions.containsAggregate(column.expression());
            if (plain || AggregationPlanner.isSimplePartial(column.expression())) {
                visibleSlots.add(pushed.addVisible(column.expression(), column.alias().map(Identifiers::printable).orElse(null)));
            } else {
                visibleSlots.add(-1);
            }
        }
        AggregationPlanner planner = new AggregationPlanner(pushed, weightStrings);
        AggregationPlan plan = planner.plan(horizon, visibleSlots);

        MySqlSelectQueryBlock query = new MySqlSelectQueryBlock();
        for (SQLSelectItem item : pushed.items()) {
            query.addSelectItem(item);
        }
        query.setFrom(route.from() == null ? null : route.from().clone());
        query.setWhere(route.where());
        if (block.isForUpdate()) {
            query.setForUpdate(true);
        }
        List<SQLExpr> groupExpressions = new ArrayList<>();
        plan.groupBy().forEach(key -> {
            groupExpressions.add(pushed.items().get(key.column()).getExpr());
            if (key.weightStringColumn() >= 0) {
                groupExpressions.add(pushed.items().get(key.weightStringColumn()).getExpr());
            }
        });
        List<SQLExpr> orderExpressions = new ArrayList<>();
        List<Boolean> orderDirections = new ArrayList<>();
        for (AggregationPlan.InputOrderItem item : plan.inputOrderExpressions()) {
            orderExpressions.add(item.expression());
            orderDirections.add(item.descending());
        }
        for (SQLExpr argument : pushed.distinctArguments()) {
            groupExpressions.add(argument);
            orderExpressions.add(argument);
            orderDirections.add(false);
            if (weightStrings.needed(argument)) {
                groupExpressions.add(RouteOperator.weightString(argument));
            }
        }
        if (!groupExpressions.isEmpty()) {
            SQLSelectGroupByClause groupBy = new SQLSelectGroupByClause();
            groupExpressions.forEach(expression -> groupBy.addItem(expression.clone()));
            query.setGroupBy(groupBy);
        }
        if (!orderExpressions.isEmpty()) {
            SQLOrderBy orderBy = new SQLOrderBy();
            for (int index = 0; index < orderExpressions.size(); index++) {
                orderBy.addItem(new SQLSelectOrderByItem(orderExpressions.get(index).clone(),
                        orderDirections.get(index) ? SQLOrderingSpecification.DESC : SQLOrderingSpecification.ASC));
            }
            query.setOrderBy(orderBy);
        }
        route.setQuery(query, plan.inputOrder(), 0);
        Primitive aggregate = new Aggregate(plan.scalar(), plan.groupBy(), plan.aggregates(), 0, route.build());
        return finish(aggregate, plan, pushed.width(), horizon, visibleSlots);
    }

    /** The horizon over a cross-shard join or a derived table evaluated in vtgate. */
    private Primitive inVtgate(Operator root, SQLSelectQueryBlock block, Horizon horizon) {
        if (horizon.hasStar() && root instanceof DerivedOperator derived && horizon.columns().size() == 1 && !horizon.aggregated()) {
            // The derived table's columns are known: * is all of them.
            horizon = starOfDerived(derived, horizon);
        }
        if (horizon.hasStar()) {
            throw Unsupported.of("'*' expression in cross-shard query");
        }
        if (horizon.aggregated()) {
            RawAggregation source = new RawAggregation(root);
            AggregationPlanner planner = new AggregationPlanner(source, weightStrings);
            List<Integer> none = horizon.columns().stream().map(column -> -1).toList();
            AggregationPlan plan = planner.plan(horizon, none);
            Primitive input = new SimpleProjection(source.slots(), root.build());
            if (!plan.inputOrder().isEmpty()) {
                input = new MemorySort(plan.inputOrder(), 0, input);
            }
            Primitive aggregate = new Aggregate(plan.scalar(), plan.groupBy(), plan.aggregates(), 0, input);
            return finish(aggregate, plan, source.slots().size(), horizon, List.of());
        }
        List<EvalExpression> outputs = new ArrayList<>();
        boolean computed = false;
        for (Horizon.SelectColumn column : horizon.columns()) {
            EvalExpression output = columnOf(root, column.expression());
            computed |= !(output instanceof EvalExpression.ColumnRef);
            outputs.add(output);
        }
        List<OrderByParams> sortKeys = new ArrayList<>();
        List<EvalExpression> hidden = new ArrayList<>();
        if (!horizon.orderBy().isEmpty() && !pushOrderToLeftmostRoute(root, horizon)) {
            for (Horizon.OrderItem item : horizon.orderBy()) {
                EvalExpression key = item.selectIndex() >= 0 ? outputs.get(item.selectIndex()) : columnOf(root, item.expression());
                int keyPosition = position(outputs, hidden, key);
                int weightPosition = -1;
                if (weightStrings.needed(item.expression()) && key instanceof EvalExpression.ColumnRef) {
                    try {
                        int weight = root.addWeightString(item.expression());
                        if (weight >= 0) {
                            weightPosition = position(outputs, hidden, new EvalExpression.ColumnRef(weight, "weight_string"));
                        }
                    } catch (VtException notAvailable) {
                        weightPosition = -1;
                    }
                }
                sortKeys.add(new OrderByParams(keyPosition, weightPosition, item.descending()));
            }
        }
        int visible = outputs.size();
        List<EvalExpression> layout = new ArrayList<>(outputs);
        layout.addAll(hidden);
        List<String> names = new ArrayList<>(horizon.columnNames());
        for (int index = 0; index < hidden.size(); index++) {
            names.add("__sort" + index);
        }
        Primitive primitive = root.build();
        boolean identity = !computed && hidden.isEmpty() && root.columnCount() == visible
                && IntStream.range(0, visible).allMatch(index -> ((EvalExpression.ColumnRef) outputs.get(index)).offset() == index)
                && horizon.columns().stream().allMatch(column -> column.alias().isEmpty());
        if (!identity) {
            primitive = new Projection(layout, names, primitive);
        }
        if (!sortKeys.isEmpty()) {
            primitive = new MemorySort(sortKeys, horizon.distinct() || hidden.isEmpty() ? 0 : visible, primitive);
        }
        if (horizon.distinct()) {
            primitive = new Distinct(hidden.isEmpty() ? 0 : visible, primitive);
        }
        Optional<LimitValues> limit = limit(horizon.limit());
        if (limit.isPresent()) {
            primitive = new Limit(limit.get().count(), limit.get().offset(), primitive);
        }
        return primitive;
    }

    private static Horizon starOfDerived(DerivedOperator derived, Horizon horizon) {
        List<Horizon.SelectColumn> columns = new ArrayList<>();
        String qualifier = derived.tables().iterator().next().name();
        for (String name : derived.columnNames()) {
            SQLExpr column = new com.alibaba.druid.sql.ast.expr.SQLPropertyExpr(Identifiers.quote(qualifier), Identifiers.quote(name));
            columns.add(new Horizon.SelectColumn(column, Optional.empty(), name, false));
        }
        List<Horizon.OrderItem> order = horizon.orderBy().stream()
                .map(item -> new Horizon.OrderItem(item.expression(), item.descending(), -1))
                .toList();
        return new Horizon(columns, horizon.distinct(), horizon.groupBy(), horizon.having(), order, horizon.limit(), horizon.withRollup());
    }

    /** A select expression over the operator: its column, or computed in vtgate from columns. */
    private EvalExpression columnOf(Operator root, SQLExpr expression) {
        Dependencies dependencies = Expressions.dependencies(expression, scope);
        if (!dependencies.resolved()) {
            throw Scope.ambiguousColumn(dependencies.unresolvedColumns().getFirst());
        }
        if (Expressions.isColumn(expression) || dependencies.tables().size() <= 1 || !(root instanceof JoinOperator)
                || sameSide((JoinOperator) root, dependencies)) {
            if (!(root instanceof DerivedOperator) || Expressions.isColumn(expression)) {
                return new EvalExpression.ColumnRef(root.addColumn(expression), SqlPrinter.print(expression));
            }
        }
        return EvalConverter.convert(expression, part -> Expressions.isColumn(part)
                        ? Optional.of(new EvalExpression.ColumnRef(root.addColumn(part), SqlPrinter.print(part)))
                        : Optional.empty())
                .orElseThrow(() -> Unsupported.of("cross-shard expression %s: its columns come from both sides of a join",
                        SqlPrinter.print(expression)));
    }

    private static boolean sameSide(JoinOperator join, Dependencies dependencies) {
        if (join.left().tables().containsAll(dependencies.tables())) {
            return !(join.left() instanceof JoinOperator left) || sameSide(left, dependencies);
        }
        if (join.right().tables().containsAll(dependencies.tables())) {
            return !(join.right() instanceof JoinOperator right) || sameSide(right, dependencies);
        }
        return false;
    }

    private static int position(List<EvalExpression> outputs, List<EvalExpression> hidden, EvalExpression key) {
        int index = outputs.indexOf(key);
        if (index >= 0) {
            return index;
        }
        index = hidden.indexOf(key);
        if (index >= 0) {
            return outputs.size() + index;
        }
        hidden.add(key);
        return outputs.size() + hidden.size() - 1;
    }

    /**
     * ORDER BY on columns of the join's leftmost route: that route sorts (merge-sorting across
     * its shards) and the nested-loop join keeps its order.
     */
    private boolean pushOrderToLeftmostRoute(Operator root, Horizon horizon) {
        Operator leftmost = root;
        while (leftmost instanceof JoinOperator join) {
            leftmost = join.left();
        }
        if (!(leftmost instanceof RouteOperator route) || root == leftmost) {
            return false;
        }
        List<SQLSelectOrderByItem> items = new ArrayList<>();
        for (Horizon.OrderItem item : horizon.orderBy()) {
            Dependencies dependencies = Expressions.dependencies(item.expression(), scope);
            if (!dependencies.resolved() || dependencies.tables().isEmpty() || !route.tables().containsAll(dependencies.tables())
                    || Expressions.containsAggregate(item.expression())) {
                return false;
            }
            items.add(new SQLSelectOrderByItem(item.expression().clone(),
                    item.descending() ? SQLOrderingSpecification.DESC : SQLOrderingSpecification.ASC));
        }
        List<OrderByParams> params = new ArrayList<>();
        for (Horizon.OrderItem item : horizon.orderBy()) {
            int column = route.addColumn(item.expression());
            int weight = weightStrings.needed(item.expression()) ? route.addWeightString(item.expression()) : -1;
            params.add(new OrderByParams(column, weight, item.descending()));
        }
        route.setOrder(items, params);
        return true;
    }

    /** HAVING, computed columns, ORDER BY, DISTINCT and LIMIT after aggregation. */
    /**
     * @param visibleSlots where each select column was pushed as itself (its name then comes from
     *                     the shards); empty when vtgate computes every column
     */
    private Primitive finish(Primitive aggregate, AggregationPlan plan, int width, Horizon horizon, List<Integer> visibleSlots) {
        Primitive primitive = aggregate;
        if (plan.having().isPresent()) {
            primitive = new Filter(plan.having().get(), 0, primitive);
        }
        int visible = plan.outputs().size();
        boolean identity = visibleSlots.size() == visible && IntStream.range(0, visible)
                .allMatch(index -> visibleSlots.get(index) == index && plan.outputs().get(index) instanceof EvalExpression.ColumnRef column
                        && column.offset() == index);
        if (!plan.finalOrder().isEmpty()) {
            boolean keysAreColumns = plan.finalOrder().stream().allMatch(key -> key.expression() instanceof EvalExpression.ColumnRef);
            List<OrderByParams> keys = new ArrayList<>();
            if (identity && keysAreColumns) {
                for (AggregationPlan.SortKey key : plan.finalOrder()) {
                    keys.add(new OrderByParams(((EvalExpression.ColumnRef) key.expression()).offset(), key.weightStringSlot(), key.descending()));
                }
                primitive = new MemorySort(keys, width > visible ? visible : 0, primitive);
            } else {
                List<EvalExpression> layout = new ArrayList<>(plan.outputs());
                List<String> names = new ArrayList<>(plan.names());
                for (AggregationPlan.SortKey key : plan.finalOrder()) {
                    int column = layout.indexOf(key.expression());
                    if (column < 0) {
                        layout.add(key.expression());
                        names.add("__sort" + names.size());
                        column = layout.size() - 1;
                    }
                    int weight = -1;
                    if (key.weightStringSlot() >= 0) {
                        layout.add(new EvalExpression.ColumnRef(key.weightStringSlot(), "weight_string"));
                        names.add("__sort" + names.size());
                        weight = layout.size() - 1;
                    }
                    keys.add(new OrderByParams(column, weight, key.descending()));
                }
                primitive = new MemorySort(keys, layout.size() > visible ? visible : 0, new Projection(layout, names, primitive));
            }
        } else if (identity) {
            if (width > visible) {
                primitive = primitive instanceof Aggregate unfiltered
                        ? new Aggregate(unfiltered.scalar(), unfiltered.groupBy(), unfiltered.aggregates(), visible, unfiltered.input())
                        : new SimpleProjection(IntStream.range(0, visible).boxed().toList(), primitive);
            }
        } else {
            primitive = new Projection(plan.outputs(), plan.names(), primitive);
        }
        if (horizon.distinct() && !horizon.groupBy().isEmpty()) {
            primitive = new Distinct(0, primitive);
        }
        Optional<LimitValues> limit = limit(horizon.limit());
        if (limit.isPresent()) {
            primitive = new Limit(limit.get().count(), limit.get().offset(), primitive);
        }
        return primitive;
    }
}
