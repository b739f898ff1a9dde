package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLLimit;
import com.alibaba.druid.sql.ast.SQLOrderingSpecification;
import com.alibaba.druid.sql.ast.SQLSetQuantifier;
import com.alibaba.druid.sql.ast.expr.SQLAllColumnExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a query block does after FROM/WHERE: its select columns (with the names MySQL gives
 * them), DISTINCT, GROUP BY and HAVING, ORDER BY and LIMIT, with column positions and select
 * aliases in GROUP BY / ORDER BY resolved to the select expressions.
 */
record Horizon(List<SelectColumn> columns, boolean distinct, List<SQLExpr> groupBy, SQLExpr having, List<OrderItem> orderBy,
               SQLLimit limit, boolean withRollup) {

    /** One select expression; {@code star} for {@code *} and {@code t.*}. */
    record SelectColumn(SQLExpr expression, Optional<String> alias, String name, boolean star) {
    }

    /** One ORDER BY key; {@code selectIndex} is the select column it names, or -1. */
    record OrderItem(SQLExpr expression, boolean descending, int selectIndex) {
    }

    Horizon {
        columns = List.copyOf(columns);
        groupBy = List.copyOf(groupBy);
        orderBy = List.copyOf(orderBy);
    }

    static Horizon of(SQLSelectQueryBlock block) {
        List<SelectColumn> columns = new ArrayList<>();
        for (SQLSelectItem item : block.getSelectList()) {
            SQLExpr expression = item.getExpr();
            boolean star = expression instanceof SQLAllColumnExpr
                    || expression instanceof SQLPropertyExpr property && property.getName().equals("*");
            Optional<String> alias = Optional.ofNullable(item.getAlias()).map(Identifiers::unquote);
            String name = alias.orElseGet(() -> Expressions.isColumn(expression) ? Expressions.columnName(expression) : SqlPrinter.print(expression));
            columns.add(new SelectColumn(expression, alias, name, star));
        }
        List<SQLExpr> groupBy = new ArrayList<>();
        SQLExpr having = null;
        boolean rollup = false;
        if (block.getGroupBy() != null) {
            for (SQLExpr item : block.getGroupBy().getItems()) {
                int index = selectIndex(item, columns, true);
                groupBy.add(index >= 0 ? columns.get(index).expression() : item);
            }
            having = block.getGroupBy().getHaving();
            rollup = block.getGroupBy().isWithRollUp();
        }
        List<OrderItem> orderBy = new ArrayList<>();
        if (block.getOrderBy() != null) {
            for (SQLSelectOrderByItem item : block.getOrderBy().getItems()) {
                if (item.getExpr() instanceof SQLNullExpr) {
                    continue;
                }
                int index = selectIndex(item.getExpr(), columns, false);
                orderBy.add(new OrderItem(index >= 0 ? columns.get(index).expression() : item.getExpr(),
                        item.getType() == SQLOrderingSpecification.DESC, index));
            }
        }
        boolean distinct = block.getDistionOption() == SQLSetQuantifier.DISTINCT || block.getDistionOption() == SQLSetQuantifier.DISTINCTROW;
        return new Horizon(columns, distinct, groupBy, having, orderBy, block.getLimit(), rollup);
    }

    /**
     * The select column an ORDER BY / GROUP BY item names: by position ({@code 1}), by alias,
     * or by being the same expression.
     */
    private static int selectIndex(SQLExpr item, List<SelectColumn> columns, boolean groupBy) {
        if (item instanceof SQLIntegerExpr position) {
            int index = position.getNumber().intValue() - 1;
            return index >= 0 && index < columns.size() ? index : -1;
        }
        if (item instanceof SQLIdentifierExpr identifier) {
            String name = Identifiers.unquote(identifier.getName());
            for (int index = 0; index < columns.size(); index++) {
                SelectColumn column = columns.get(index);
                if (column.alias().isPresent() && column.alias().get().equalsIgnoreCase(name)
                        && !(groupBy && Expressions.isColumn(column.expression()) && !Expressions.columnName(column.expression()).equalsIgnoreCase(name))) {
                    return index;
                }
            }
        }
        String text = SqlPrinter.print(item);
        for (int index = 0; index < columns.size(); index++) {
            if (!columns.get(index).star() && SqlPrinter.print(columns.get(index).expression()).equals(text)) {
                return index;
            }
        }
        return -1;
    }

    boolean hasStar() {
        return columns.stream().anyMatch(SelectColumn::star);
    }

    boolean aggregated() {
        if (!groupBy.isEmpty()) {
            return true;
        }
        for (SelectColumn column : columns) {
            if (Expressions.containsAggregate(column.expression())) {
                return true;
            }
        }
        return having != null && Expressions.containsAggregate(having)
                || orderBy.stream().anyMatch(item -> Expressions.containsAggregate(item.expression()));
    }

    /** Nothing to combine across shards: no grouping, aggregates, DISTINCT, ORDER BY or LIMIT. */
    boolean isSimple() {
        return !aggregated() && !distinct && orderBy.isEmpty() && limit == null;
    }

    List<String> columnNames() {
        return columns.stream().map(SelectColumn::name).toList();
    }
}
