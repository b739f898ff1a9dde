package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLOrderBy;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLInListExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.statement.SQLJoinTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectQuery;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import io.jvitess.gateway.engine.OrderByParams;
import io.jvitess.gateway.engine.Primitive;
import io.jvitess.gateway.engine.Route;
import io.jvitess.gateway.engine.RouteOpcode;
import io.jvitess.gateway.engine.RoutingParameters;
import io.jvitess.gateway.engine.SqlTemplate;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.gateway.vschema.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Tables that can be read with one query on one set of shards: a FROM clause, its WHERE
 * predicates and the routing those predicates allow. Joins of routes whose rows live on the
 * same shards merge into one route.
 */
final class RouteOperator implements Operator {

    private final Scope scope;
    private final Set<TableBinding> tables;
    /** Tables on the inner side of a LEFT JOIN: their predicates say nothing about which shards hold result rows. */
    private final Set<TableBinding> outerJoined;
    private final Map<TableBinding, Routing> derivedRoutings;
    private final SQLTableSource from;
    private final List<SQLExpr> predicates;
    private Routing routing;

    private final List<SQLSelectItem> columns = new ArrayList<>();
    private final Map<String, Integer> columnOffsets = new HashMap<>();
    private SQLSelectQuery query;
    private List<OrderByParams> orderBy = List.of();
    private int truncateColumnCount;
    private List<SQLSelectOrderByItem> pendingOrderItems = List.of();
    private boolean forUpdate;
    private boolean shareMode;

    private RouteOperator(Scope scope, Set<TableBinding> tables, Set<TableBinding> outerJoined, Map<TableBinding, Routing> derivedRoutings,
                          SQLTableSource from, List<SQLExpr> predicates, Routing routing) {
        this.scope = requireNonNull(scope, "scope is null");
        this.tables = new LinkedHashSet<>(tables);
        this.outerJoined = new LinkedHashSet<>(outerJoined);
        this.derivedRoutings = new LinkedHashMap<>(derivedRoutings);
        this.from = from;
        this.predicates = new ArrayList<>(predicates);
        this.routing = requireNonNull(routing, "routing is null");
    }

    static RouteOperator forTable(Scope scope, TableBinding binding) {
        Routing routing = RoutingAnalyzer.forTable(binding, List.of(), scope);
        return new RouteOperator(scope, Set.of(binding), Set.of(), Map.of(), binding.source(), List.of(), routing);
    }

    /** A derived table whose query runs as one route: it joins the outer query as a subquery in FROM. */
    static RouteOperator forDerived(Scope scope, TableBinding binding, Routing innerRouting) {
        return new RouteOperator(scope, Set.of(binding), Set.of(), Map.of(binding, innerRouting), binding.source(), List.of(), innerRouting);
    }

    /** A route with a fixed routing and FROM (system tables, dual). */
    static RouteOperator fixed(Scope scope, Set<TableBinding> tables, SQLTableSource from, Routing routing) {
        return new RouteOperator(scope, tables, Set.of(), Map.of(), from, List.of(), routing);
    }

    @Override
    public Set<TableBinding> tables() {
        return tables;
    }

    Routing routing() {
        return routing;
    }

    Scope scope() {
        return scope;
    }

    KeyspaceInfo keyspace() {
        return routing.keyspace();
    }

    SQLTableSource from() {
        return from;
    }

    List<SQLExpr> predicates() {
        return predicates;
    }

    boolean isReference() {
        return routing.opcode() == RouteOpcode.REFERENCE;
    }

    /** True when every table has the same content on every shard (reference tables, dual). */
    boolean onlyReferenceTables() {
        return tables.stream().allMatch(table -> table.table().map(Table::isReference).orElse(false)) && derivedRoutings.isEmpty();
    }

    /** Joins another route into this one (the caller has checked that their rows meet on the same shards). */
    RouteOperator merge(RouteOperator right, boolean leftJoin, List<SQLExpr> onPredicates) {
        return merge(right, leftJoin, onPredicates, false);
    }

    /**
     * @param writtenAsRightJoin the query said {@code right RIGHT JOIN this}: print it that way, so
     *                           that {@code select *} keeps MySQL's column order
     */
    RouteOperator merge(RouteOperator right, boolean leftJoin, List<SQLExpr> onPredicates, boolean writtenAsRightJoin) {
        Set<TableBinding> mergedTables = new LinkedHashSet<>(tables);
        mergedTables.addAll(right.tables);
        Set<TableBinding> mergedOuter = new LinkedHashSet<>(outerJoined);
        mergedOuter.addAll(right.outerJoined);
        Map<TableBinding, Routing> mergedDerived = new LinkedHashMap<>(derivedRoutings);
        mergedDerived.putAll(right.derivedRoutings);
        SQLJoinTableSource join;
        List<SQLExpr> mergedPredicates = new ArrayList<>(predicates);
        if (leftJoin) {
            mergedOuter.addAll(right.tables);
            List<SQLExpr> on = new ArrayList<>(onPredicates);
            on.addAll(right.predicates);
            join = writtenAsRightJoin
                    ? new SQLJoinTableSource(right.from, SQLJoinTableSource.JoinType.RIGHT_OUTER_JOIN, from, Expressions.and(on))
                    : new SQLJoinTableSource(from, SQLJoinTableSource.JoinType.LEFT_OUTER_JOIN, right.from, Expressions.and(on));
        } else {
            join = new SQLJoinTableSource(from, SQLJoinTableSource.JoinType.JOIN, right.from, null);
            mergedPredicates.addAll(right.predicates);
            mergedPredicates.addAll(onPredicates);
        }
        Routing base = leftJoin || right.onlyReferenceTables() ? routing
                : onlyReferenceTables() ? right.routing
                : routing.betterThan(right.routing) ? routing : right.routing;
        RouteOperator merged = new RouteOperator(scope, mergedTables, mergedOuter, mergedDerived, join, mergedPredicates, base);
        merged.recomputeRouting(base);
        return merged;
    }

    @Override
    public void addPredicate(SQLExpr predicate) {
        predicates.add(predicate);
        recomputeRouting(routing);
    }

    private void recomputeRouting(Routing base) {
        if (!routing.keyspace().sharded() || routing.opcode() == RouteOpcode.DBA || routing.opcode() == RouteOpcode.NEXT) {
            return;
        }
        Routing best = base;
        for (TableBinding binding : tables) {
            if (outerJoined.contains(binding)) {
                continue;
            }
            Routing candidate = derivedRoutings.containsKey(binding) ? derivedRoutings.get(binding)
                    : binding.table().map(table -> table.isReference() ? null : RoutingAnalyzer.forTable(binding, predicates, scope)).orElse(null);
            if (candidate != null && (best.opcode() == RouteOpcode.REFERENCE || candidate.betterThan(best))) {
                best = candidate;
            }
        }
        routing = best;
    }

    @Override
    public int addColumn(SQLExpr expression) {
        String key = SqlPrinter.print(expression);
        Integer known = columnOffsets.get(key);
        if (known != null) {
            return known;
        }
        SQLSelectItem item = new SQLSelectItem(expression.clone());
        columns.add(item);
        columnOffsets.put(key, columns.size() - 1);
        return columns.size() - 1;
    }

    @Override
    public int addWeightString(SQLExpr expression) {
        return addColumn(weightString(expression));
    }

    static SQLExpr weightString(SQLExpr expression) {
        SQLMethodInvokeExpr call = new SQLMethodInvokeExpr("weight_string");
        call.addArgument(expression.clone());
        return call;
    }

    /** The WHERE clause to send: the predicates, with the routed IN list replaced by each shard's values. */
    SQLExpr where() {
        List<SQLExpr> parts = new ArrayList<>();
        for (SQLExpr predicate : predicates) {
            if (routing.opcode() == RouteOpcode.IN && routing.inPredicate().isPresent() && routing.inPredicate().get() == predicate) {
                SQLInListExpr rewritten = new SQLInListExpr(((SQLInListExpr) predicate).getExpr().clone(), false);
                rewritten.addTarget(new BindVariableExpr("::" + RoutingParameters.IN_LIST_VARIABLE));
                parts.add(rewritten);
            } else {
                parts.add(predicate.clone());
            }
        }
        return Expressions.and(parts);
    }

    /** Sets the whole query this route sends (the query block pushed down with its horizon). */
    void setQuery(SQLSelectQuery fullQuery, List<OrderByParams> mergeOrder, int truncate) {
        this.query = fullQuery;
        this.orderBy = List.copyOf(mergeOrder);
        this.truncateColumnCount = truncate;
    }

    /** Sets merge ordering for the columns mode (left side of a join ordered by the query's ORDER BY). */
    void setOrder(List<SQLSelectOrderByItem> items, List<OrderByParams> mergeOrder) {
        this.pendingOrderItems = List.copyOf(items);
        this.orderBy = List.copyOf(mergeOrder);
    }

    /** Carries the block's FOR UPDATE / LOCK IN SHARE MODE to the query this route sends for a join. */
    void lock(boolean exclusive, boolean shared) {
        this.forUpdate = exclusive;
        this.shareMode = shared;
    }

    /** The query block for the columns requested so far. */
    SQLSelectQueryBlock columnsQuery() {
        MySqlSelectQueryBlock block = new MySqlSelectQueryBlock();
        for (SQLSelectItem column : columns) {
            block.addSelectItem(column.clone());
        }
        if (columns.isEmpty()) {
            block.addSelectItem(new SQLSelectItem(new SQLIntegerExpr(1)));
        }
        block.setFrom(from == null ? null : from.clone());
        block.setWhere(where());
        block.setForUpdate(forUpdate);
        block.setLockInShareMode(shareMode);
        if (!pendingOrderItems.isEmpty()) {
            SQLOrderBy order = new SQLOrderBy();
            pendingOrderItems.forEach(item -> order.addItem(item.clone()));
            block.setOrderBy(order);
        }
        return block;
    }

    @Override
    public int columnCount() {
        return Math.max(1, columns.size());
    }

    boolean isOuterJoined(TableBinding binding) {
        return outerJoined.contains(binding);
    }

    @Override
    public Primitive build() {
        SQLSelectQuery sent = query != null ? query : columnsQuery();
        String sql = SqlPrinter.print(sent);
        String fieldSql = SqlPrinter.print(FieldQueries.of(sent));
        return new Route(routing.parameters(), SqlTemplate.parse(sql), SqlTemplate.parse(fieldSql), orderBy, truncateColumnCount, tableNames());
    }

    String tableNames() {
        return tables.stream()
                .map(binding -> binding.table().map(table -> Identifiers.printable(table.name()))
                        .orElse(binding.name()))
                .collect(Collectors.joining(", "));
    }
}
