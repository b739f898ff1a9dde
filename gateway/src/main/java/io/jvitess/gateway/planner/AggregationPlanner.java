package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLAggregateExpr;
import com.alibaba.druid.sql.ast.expr.SQLAllColumnExpr;
import io.jvitess.gateway.engine.AggregateOpcode;
import io.jvitess.gateway.engine.AggregateParams;
import io.jvitess.gateway.engine.GroupByParams;
import io.jvitess.gateway.engine.OrderByParams;
import io.jvitess.gateway.evaluation.ArithmeticOperator;
import io.jvitess.gateway.evaluation.EvalExpression;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Splits GROUP BY / aggregate functions into what the source provides per slot and what vtgate
 * computes: count/sum/min/max combine directly, avg is sum / count, count(distinct x) counts
 * distinct x over rows sorted by x within each group; HAVING and computed select columns are
 * evaluated over the aggregated row.
 */
final class AggregationPlanner {

    private final AggregationSource source;
    private final WeightStrings weightStrings;
    private final Map<String, Integer> groupSlots = new LinkedHashMap<>();
    private final Map<String, Integer> groupWeightSlots = new HashMap<>();
    private final List<AggregateParams> aggregates = new ArrayList<>();
    private final Map<String, EvalExpression> aggregateExpressions = new HashMap<>();
    private final Map<Integer, Integer> distinctWeightSlots = new LinkedHashMap<>();
    private String distinctArgument;
    private final Map<String, Integer> aliases = new HashMap<>();
    private final List<EvalExpression> outputs = new ArrayList<>();

    AggregationPlanner(AggregationSource source, WeightStrings weightStrings) {
        this.source = source;
        this.weightStrings = weightStrings;
    }

    /**
     * @param visibleSlots for each select column, the slot already holding it (pushed visible
     *                     columns), or -1 to compute it
     */
    AggregationPlan plan(Horizon horizon, List<Integer> visibleSlots) {
        if (horizon.columns().stream().anyMatch(Horizon.SelectColumn::star)) {
            throw Unsupported.of("'*' expression in cross-shard aggregation");
        }
        List<SQLExpr> keys = new ArrayList<>(horizon.groupBy());
        boolean distinctAsGrouping = horizon.distinct() && keys.isEmpty() && !hasAggregateFunctions(horizon);
        if (distinctAsGrouping) {
            horizon.columns().forEach(column -> keys.add(column.expression()));
        }
        List<GroupByParams> groupBy = new ArrayList<>();
        for (SQLExpr key : keys) {
            String text = SqlPrinter.print(key);
            if (groupSlots.containsKey(text)) {
                continue;
            }
            int slot = source.groupKey(key);
            int weight = weightStrings.needed(key) ? source.weightString(key) : -1;
            groupSlots.put(text, slot);
            if (weight >= 0) {
                groupWeightSlots.put(text, weight);
            }
            groupBy.add(new GroupByParams(slot, weight));
        }

        for (int index = 0; index < horizon.columns().size(); index++) {
            int position = index;
            horizon.columns().get(index).alias().ifPresent(alias -> aliases.putIfAbsent(alias.toLowerCase(Locale.ROOT), position));
        }
        for (int index = 0; index < horizon.columns().size(); index++) {
            Horizon.SelectColumn column = horizon.columns().get(index);
            int slot = visibleSlots.get(index);
            if (slot >= 0) {
                if (column.expression() instanceof SQLAggregateExpr call) {
                    registerVisibleAggregate(call, slot);
                }
                outputs.add(new EvalExpression.ColumnRef(slot, column.name()));
            } else {
                outputs.add(convert(column.expression()));
            }
        }
        Optional<EvalExpression> having = Optional.ofNullable(horizon.having()).map(this::convert);

        // Rows must arrive sorted by the grouping keys; an ORDER BY on grouping keys sets their order and direction.
        List<OrderByParams> inputOrder = new ArrayList<>();
        List<AggregationPlan.InputOrderItem> inputOrderExpressions = new ArrayList<>();
        List<AggregationPlan.SortKey> finalOrder = new ArrayList<>();
        boolean orderOnKeys = !horizon.orderBy().isEmpty() && horizon.orderBy().stream()
                .allMatch(item -> groupSlots.containsKey(SqlPrinter.print(item.expression())));
        List<String> ordered = new ArrayList<>();
        if (orderOnKeys) {
            for (Horizon.OrderItem item : horizon.orderBy()) {
                String text = SqlPrinter.print(item.expression());
                if (!ordered.contains(text)) {
                    ordered.add(text);
                    inputOrder.add(new OrderByParams(groupSlots.get(text), groupWeightSlots.getOrDefault(text, -1), item.descending()));
                    inputOrderExpressions.add(new AggregationPlan.InputOrderItem(item.expression(), item.descending()));
                }
            }
        }
        for (int index = 0; index < keys.size(); index++) {
            String text = SqlPrinter.print(keys.get(index));
            if (!ordered.contains(text)) {
                ordered.add(text);
                inputOrder.add(new OrderByParams(groupSlots.get(text), groupWeightSlots.getOrDefault(text, -1), false));
                inputOrderExpressions.add(new AggregationPlan.InputOrderItem(keys.get(index), false));
            }
        }
        if (distinctArgument != null) {
            distinctWeightSlots.forEach((slot, weight) -> inputOrder.add(new OrderByParams(slot, weight, false)));
        }
        if (!orderOnKeys) {
            for (Horizon.OrderItem item : horizon.orderBy()) {
                String text = SqlPrinter.print(item.expression());
                EvalExpression expression = item.selectIndex() >= 0 ? outputs.get(item.selectIndex()) : convert(item.expression());
                finalOrder.add(new AggregationPlan.SortKey(expression, item.descending(), groupWeightSlots.getOrDefault(text, -1)));
            }
        }
        List<String> names = horizon.columnNames();
        boolean scalar = keys.isEmpty();
        return new AggregationPlan(scalar, groupBy, aggregates, inputOrder, inputOrderExpressions, List.copyOf(outputs), names, having, finalOrder);
    }

    /** The distinct argument slots, for the ORDER BY pushed to the shards (after the grouping keys). */
    Optional<String> distinctArgument() {
        return Optional.ofNullable(distinctArgument);
    }

    private static boolean hasAggregateFunctions(Horizon horizon) {
        return horizon.columns().stream().anyMatch(column -> Expressions.containsAggregate(column.expression()))
                || horizon.having() != null && Expressions.containsAggregate(horizon.having());
    }

    private void registerVisibleAggregate(SQLAggregateExpr call, int slot) {
        String function = call.getMethodName().toLowerCase(Locale.ROOT);
        SQLExpr argument = argumentOf(call);
        AggregateOpcode opcode = switch (function) {
            case "count" -> argument == null ? AggregateOpcode.SUM_COUNT_STAR : AggregateOpcode.SUM_COUNT;
            case "sum" -> AggregateOpcode.SUM;
            case "min" -> AggregateOpcode.MIN;
            case "max" -> AggregateOpcode.MAX;
            default -> throw new IllegalStateException("not a visible partial aggregate: " + function);
        };
        String text = SqlPrinter.print(call);
        if (!aggregateExpressions.containsKey(text)) {
            aggregates.add(new AggregateParams(opcode, slot, -1, text));
            aggregateExpressions.put(text, new EvalExpression.ColumnRef(slot, text));
        }
    }

    /** True for aggregates a scatter route can push as themselves: count, sum, min, max without DISTINCT. */
    static boolean isSimplePartial(SQLExpr expression) {
        if (!(expression instanceof SQLAggregateExpr call) || call.getOver() != null) {
            return false;
        }
        String function = call.getMethodName().toLowerCase(Locale.ROOT);
        boolean distinct = call.getOption() == com.alibaba.druid.sql.ast.expr.SQLAggregateOption.DISTINCT;
        return !distinct && call.getArguments().size() == 1 && switch (function) {
            case "count", "sum", "min", "max" -> true;
            default -> false;
        };
    }

    private EvalExpression convert(SQLExpr expression) {
        return EvalConverter.convert(expression, this::resolve)
                .orElseThrow(() -> Unsupported.of("in scatter query: complex aggregate expression"));
    }

    private Optional<EvalExpression> resolve(SQLExpr expression) {
        if (expression instanceof SQLAggregateExpr call) {
            return Optional.of(aggregate(call));
        }
        String text = SqlPrinter.print(expression);
        if (expression instanceof com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr identifier) {
            Integer aliased = aliases.get(Identifiers.unquote(identifier.getName()).toLowerCase(Locale.ROOT));
            if (aliased != null && aliased < outputs.size() && !groupSlots.containsKey(text)) {
                return Optional.of(outputs.get(aliased));
            }
        }
        Integer groupSlot = groupSlots.get(text);
        if (groupSlot != null) {
            return Optional.of(new EvalExpression.ColumnRef(groupSlot, text));
        }
        if (Expressions.isColumn(expression)) {
            return Optional.of(new EvalExpression.ColumnRef(source.plain(expression), text));
        }
        return Optional.empty();
    }

    private EvalExpression aggregate(SQLAggregateExpr call) {
        String text = SqlPrinter.print(call);
        EvalExpression known = aggregateExpressions.get(text);
        if (known != null) {
            return known;
        }
        if (call.getOver() != null) {
            throw Unsupported.of("OVER CLAUSE with sharded keyspace");
        }
        String function = call.getMethodName().toLowerCase(Locale.ROOT);
        boolean distinct = call.getOption() == com.alibaba.druid.sql.ast.expr.SQLAggregateOption.DISTINCT;
        SQLExpr argument = argumentOf(call);
        if (call.getArguments().size() > 1) {
            throw Unsupported.of("in scatter query: aggregation function '%s' with more than one argument", text);
        }
        EvalExpression result = switch (function) {
            case "count", "sum" -> {
                if (distinct) {
                    if (argument == null) {
                        throw Unsupported.of("in scatter query: aggregation function '%s'", text);
                    }
                    yield distinctAggregate(function, argument, text);
                }
                yield partial(function, argument, text);
            }
            case "min", "max" -> partial(function, argument, text);
            case "avg" -> {
                if (distinct || argument == null) {
                    throw Unsupported.of("in scatter query: aggregation function '%s'", text);
                }
                EvalExpression sum = aggregate(namedAggregate("sum", argument));
                EvalExpression count = aggregate(namedAggregate("count", argument));
                yield new EvalExpression.Arithmetic(ArithmeticOperator.DIVIDE, sum, count);
            }
            default -> throw Unsupported.of("in scatter query: aggregation function '%s'", text);
        };
        aggregateExpressions.put(text, result);
        return result;
    }

    private EvalExpression partial(String function, SQLExpr argument, String text) {
        AggregationSource.AggregateSlot slot = source.aggregate(function, argument);
        aggregates.add(new AggregateParams(slot.opcode(), slot.slot(), -1, text));
        return new EvalExpression.ColumnRef(slot.slot(), text);
    }

    private EvalExpression distinctAggregate(String function, SQLExpr argument, String text) {
        String argumentText = SqlPrinter.print(argument);
        if (distinctArgument != null && !distinctArgument.equals(argumentText)) {
            throw Unsupported.of("only one DISTINCT aggregation is allowed in a SELECT: %s", text);
        }
        distinctArgument = argumentText;
        int slot = source.distinctArgument(argument);
        int weight = weightStrings.needed(argument) ? source.weightString(argument) : -1;
        distinctWeightSlots.putIfAbsent(slot, weight);
        AggregateOpcode opcode = function.equals("count") ? AggregateOpcode.COUNT_DISTINCT : AggregateOpcode.SUM_DISTINCT;
        aggregates.add(new AggregateParams(opcode, slot, weight, text));
        return new EvalExpression.ColumnRef(slot, text);
    }

    private static SQLAggregateExpr namedAggregate(String function, SQLExpr argument) {
        SQLAggregateExpr call = new SQLAggregateExpr(function);
        call.addArgument(argument.clone());
        return call;
    }

    private static SQLExpr argumentOf(SQLAggregateExpr call) {
        if (call.getArguments().isEmpty() || call.getArguments().getFirst() instanceof SQLAllColumnExpr) {
            return null;
        }
        return call.getArguments().getFirst();
    }
}
