package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLAggregateExpr;
import com.alibaba.druid.sql.ast.expr.SQLAllColumnExpr;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import io.jvitess.gateway.engine.AggregateOpcode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregation pushed to a scatter route: each shard computes partial aggregates per group
 * (count, sum, min, max), which vtgate combines (sum of counts, sum of sums, min of mins ...).
 * The select list sent to the shards is built here, column by column.
 */
final class PushedAggregation implements AggregationSource {

    private final List<SQLSelectItem> items = new ArrayList<>();
    private final Map<String, Integer> offsets = new HashMap<>();
    private final List<SQLExpr> distinctArguments = new ArrayList<>();

    List<SQLSelectItem> items() {
        return items;
    }

    List<SQLExpr> distinctArguments() {
        return distinctArguments;
    }

    int width() {
        return items.size();
    }

    /**
     * Adds a visible select column with its alias (visible columns come first, in order). A
     * plain expression is shared with GROUP BY keys; an aggregate with later uses of the same
     * aggregate.
     */
    int addVisible(SQLExpr expression, String alias) {
        SQLSelectItem item = new SQLSelectItem(expression.clone(), alias);
        items.add(item);
        int offset = items.size() - 1;
        String role = expression instanceof SQLAggregateExpr ? "aggregate" : "plain";
        offsets.putIfAbsent(role + ":" + SqlPrinter.print(expression), offset);
        return offset;
    }

    private int add(String role, SQLExpr expression) {
        String key = role + ":" + SqlPrinter.print(expression);
        Integer known = offsets.get(key);
        if (known != null) {
            return known;
        }
        items.add(new SQLSelectItem(expression.clone()));
        offsets.put(key, items.size() - 1);
        return items.size() - 1;
    }

    @Override
    public int groupKey(SQLExpr expression) {
        return add("plain", expression);
    }

    @Override
    public int weightString(SQLExpr expression) {
        return add("plain", RouteOperator.weightString(expression));
    }

    @Override
    public int plain(SQLExpr expression) {
        return add("plain", expression);
    }

    @Override
    public AggregateSlot aggregate(String function, SQLExpr argument) {
        SQLAggregateExpr partial = new SQLAggregateExpr(function);
        partial.addArgument(argument == null ? new SQLAllColumnExpr() : argument.clone());
        int slot = add("aggregate", partial);
        AggregateOpcode opcode = switch (function) {
            case "count" -> argument == null ? AggregateOpcode.SUM_COUNT_STAR : AggregateOpcode.SUM_COUNT;
            case "sum" -> AggregateOpcode.SUM;
            case "min" -> AggregateOpcode.MIN;
            case "max" -> AggregateOpcode.MAX;
            default -> throw new IllegalArgumentException("no partial aggregate for " + function);
        };
        return new AggregateSlot(slot, opcode);
    }

    @Override
    public int distinctArgument(SQLExpr expression) {
        int before = items.size();
        int slot = add("distinct", expression);
        if (items.size() > before) {
            distinctArguments.add(expression);
        }
        return slot;
    }

    /** True if the pushed select item at {@code slot} is an aggregate (so not a GROUP BY candidate). */
    boolean isAggregate(int slot) {
        return items.get(slot).getExpr() instanceof SQLAggregateExpr;
    }
}
