package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLLimit;
import com.alibaba.druid.sql.ast.SQLOrderBy;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUpdateSetItem;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlDeleteStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlUpdateStatement;
import io.jvitess.gateway.engine.Dml;
import io.jvitess.gateway.engine.OwnedVindexMaintenance;
import io.jvitess.gateway.engine.Primitive;
import io.jvitess.gateway.engine.RouteOpcode;
import io.jvitess.gateway.engine.SqlTemplate;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.ColumnVindex;
import io.jvitess.gateway.vschema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UPDATE and DELETE of one table: routed by their WHERE clause like a SELECT. Changing the
 * primary vindex column is refused (the row would have to move shards); changing an owned
 * lookup vindex column, or deleting rows of a table that owns lookup vindexes, reads the
 * affected rows first so their lookup rows can be kept right.
 */
final class DmlPlanner {

    private final PlanningContext context;
    private final TableResolver.ResolvedTables resolved;
    private final QueryPlanner queries;

    DmlPlanner(PlanningContext context, TableResolver.ResolvedTables resolved) {
        this.context = context;
        this.resolved = resolved;
        this.queries = new QueryPlanner(context, resolved);
    }

    Primitive planUpdate(MySqlUpdateStatement update) {
        SQLExprTableSource source = single(update.getTableSource(), "UPDATE");
        if (update.getOrderBy() != null && Expressions.containsSubquery(update.getOrderBy())) {
            throw Unsupported.of("subquery in ORDER BY of a sharded UPDATE");
        }
        Table table = resolved.table(source).orElseThrow();
        Target target = target(source, table, update.getWhere());
        checkLimit(target, update.getLimit(), "UPDATE");
        Map<String, List<EvalExpression>> changed = new LinkedHashMap<>();
        for (SQLUpdateSetItem item : update.getItems()) {
            queries.requireMergeable(item.getValue(), target.route(), target.route().scope(), "SET");
            String column = Identifiers.columnKey(Expressions.isColumn(item.getColumn()) ? Expressions.columnName(item.getColumn())
                    : SqlPrinter.print(item.getColumn()));
            for (ColumnVindex vindex : table.columnVindexes()) {
                if (!vindex.columns().contains(column)) {
                    continue;
                }
                if (vindex == table.columnVindexes().getFirst()) {
                    throw Unsupported.of("you cannot UPDATE primary vindex columns; invalid update on vindex: %s", vindex.name());
                }
                if (!vindex.owned()) {
                    throw Unsupported.of("you can only UPDATE owned vindexes; invalid update on vindex: %s", vindex.name());
                }
                EvalExpression value = EvalConverter.constant(item.getValue()).orElseThrow(() -> Unsupported.of(
                        "only values are supported: invalid update on column: %s with expr: %s", column, SqlPrinter.print(item.getValue())));
                changed.computeIfAbsent(vindex.name(), ignored -> new ArrayList<>()).add(value);
                if (vindex.columns().size() > 1) {
                    throw Unsupported.of("update of multi-column lookup vindex %s", vindex.name());
                }
            }
        }
        String sql = printWithWhere(update, target.route().where());
        Optional<OwnedVindexMaintenance> maintenance = changed.isEmpty() ? Optional.empty()
                : Optional.of(maintenance(table, source, target, update.getOrderBy(), update.getLimit(), changed));
        Dml dml = new Dml(Dml.Kind.UPDATE, target.route().routing().parameters(), SqlTemplate.parse(sql), table.name(), maintenance);
        return QueryPlanner.wrap(dml, target.pullouts());
    }

    /** The statement's text with another WHERE clause (the AST is restored afterwards). */
    private static String printWithWhere(com.alibaba.druid.sql.ast.SQLStatement statement, SQLExpr where) {
        SQLExpr original = statement instanceof MySqlUpdateStatement update ? update.getWhere() : ((MySqlDeleteStatement) statement).getWhere();
        setWhere(statement, where);
        try {
            return SqlPrinter.print(statement);
        } finally {
            setWhere(statement, original);
        }
    }

    private static void setWhere(com.alibaba.druid.sql.ast.SQLStatement statement, SQLExpr where) {
        if (statement instanceof MySqlUpdateStatement update) {
            update.setWhere(where);
        } else {
            ((MySqlDeleteStatement) statement).setWhere(where);
        }
    }

    Primitive planDelete(MySqlDeleteStatement delete) {
        if (delete.getFrom() != null || delete.getUsing() != null) {
            throw Unsupported.of("multi-table DELETE statement in a sharded keyspace");
        }
        SQLExprTableSource source = single(delete.getTableSource(), "DELETE");
        Table table = resolved.table(source).orElseThrow();
        Target target = target(source, table, delete.getWhere());
        checkLimit(target, delete.getLimit(), "DELETE");
        String sql = printWithWhere(delete, target.route().where());
        Optional<OwnedVindexMaintenance> maintenance = table.ownedVindexes().isEmpty() ? Optional.empty()
                : Optional.of(maintenance(table, source, target, delete.getOrderBy(), delete.getLimit(), Map.of()));
        Dml dml = new Dml(Dml.Kind.DELETE, target.route().routing().parameters(), SqlTemplate.parse(sql), table.name(), maintenance);
        return QueryPlanner.wrap(dml, target.pullouts());
    }

    private record Target(RouteOperator route, List<Pullout> pullouts) {
    }

    private Target target(SQLExprTableSource source, Table table, SQLExpr where) {
        String name = source.getAlias() != null ? Identifiers.unquote(source.getAlias()) : table.name();
        TableBinding binding = TableBinding.ofTable(name, resolved.qualifier(source), table, source);
        Scope scope = new Scope(List.of(binding), Optional.empty());
        RouteOperator route = table.isReference() && table.keyspace().sharded()
                ? RouteOperator.fixed(scope, java.util.Set.of(binding), source, Routing.of(RouteOpcode.SCATTER, table.keyspace()))
                : RouteOperator.forTable(scope, binding);
        List<Pullout> pullouts = new ArrayList<>();
        for (SQLExpr conjunct : Expressions.conjuncts(where)) {
            SQLExpr rewritten = Expressions.containsSubquery(conjunct) ? queries.handleSubqueries(conjunct, route, scope, pullouts, false) : conjunct;
            for (SQLExpr part : Expressions.conjuncts(rewritten)) {
                route.addPredicate(part);
            }
        }
        return new Target(route, pullouts);
    }

    private static void checkLimit(Target target, SQLLimit limit, String statement) {
        if (limit != null && !target.route().routing().isSingleShard() && target.route().keyspace().sharded()) {
            throw Unsupported.of("multi shard %s with LIMIT", statement);
        }
    }

    private static SQLExprTableSource single(SQLTableSource source, String statement) {
        if (source instanceof SQLExprTableSource table) {
            return table;
        }
        throw Unsupported.of("multi-table %s statement in a sharded keyspace", statement);
    }

    /** The read of affected rows: primary vindex columns, then each owned vindex's columns. */
    private OwnedVindexMaintenance maintenance(Table table, SQLExprTableSource source, Target target, SQLOrderBy orderBy, SQLLimit limit,
                                               Map<String, List<EvalExpression>> changed) {
        ColumnVindex primary = table.primaryVindex().orElseThrow(() -> Unsupported.of("lookup vindex on a table without primary vindex"));
        MySqlSelectQueryBlock select = new MySqlSelectQueryBlock();
        List<Integer> primaryOffsets = new ArrayList<>();
        for (String column : primary.columns()) {
            select.addSelectItem(new SQLSelectItem(new com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr(Identifiers.printable(column))));
            primaryOffsets.add(select.getSelectList().size() - 1);
        }
        Map<ColumnVindex, List<Integer>> owned = new LinkedHashMap<>();
        for (ColumnVindex vindex : table.ownedVindexes()) {
            if (!changed.isEmpty() && !changed.containsKey(vindex.name())) {
                continue;
            }
            List<Integer> offsets = new ArrayList<>();
            for (String column : vindex.columns()) {
                select.addSelectItem(new SQLSelectItem(new com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr(Identifiers.printable(column))));
                offsets.add(select.getSelectList().size() - 1);
            }
            owned.put(vindex, offsets);
        }
        select.setFrom(source.clone());
        select.setWhere(target.route().where());
        if (orderBy != null) {
            select.setOrderBy(orderBy.clone());
        }
        if (limit != null) {
            select.setLimit(limit.clone());
        }
        select.setForUpdate(true);
        return new OwnedVindexMaintenance(SqlTemplate.parse(SqlPrinter.print(select)), primary, primaryOffsets, owned, changed);
    }
}
