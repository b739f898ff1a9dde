package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import io.jvitess.gateway.engine.AggregateOpcode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregation over raw rows that only vtgate sees whole (a cross-shard join, a derived table
 * evaluated in vtgate). Values come from the input operator; a projection then gives each
 * aggregate a slot of its own, since aggregates replace their slot's value.
 */
final class RawAggregation implements AggregationSource {

    private final Operator input;
    /** For each slot, the input column it copies. */
    private final List<Integer> slots = new ArrayList<>();
    private final Map<String, Integer> shared = new HashMap<>();

    RawAggregation(Operator input) {
        this.input = input;
    }

    List<Integer> slots() {
        return slots;
    }

    private int shared(String role, SQLExpr expression, int inputColumn) {
        String key = role + ":" + SqlPrinter.print(expression);
        Integer known = shared.get(key);
        if (known != null) {
            return known;
        }
        slots.add(inputColumn);
        shared.put(key, slots.size() - 1);
        return slots.size() - 1;
    }

    private int own(int inputColumn) {
        slots.add(inputColumn);
        return slots.size() - 1;
    }

    @Override
    public int groupKey(SQLExpr expression) {
        return shared("plain", expression, input.addColumn(expression));
    }

    @Override
    public int weightString(SQLExpr expression) {
        int column = input.addWeightString(expression);
        return column < 0 ? -1 : shared("weight_string", expression, column);
    }

    @Override
    public int plain(SQLExpr expression) {
        return shared("plain", expression, input.addColumn(expression));
    }

    @Override
    public AggregateSlot aggregate(String function, SQLExpr argument) {
        int column = input.addColumn(argument == null ? new SQLIntegerExpr(1) : argument);
        AggregateOpcode opcode = switch (function) {
            case "count" -> argument == null ? AggregateOpcode.COUNT_STAR : AggregateOpcode.COUNT;
            case "sum" -> AggregateOpcode.SUM;
            case "min" -> AggregateOpcode.MIN;
            case "max" -> AggregateOpcode.MAX;
            default -> throw new IllegalArgumentException("no aggregate for " + function);
        };
        return new AggregateSlot(own(column), opcode);
    }

    @Override
    public int distinctArgument(SQLExpr expression) {
        return own(input.addColumn(expression));
    }
}
