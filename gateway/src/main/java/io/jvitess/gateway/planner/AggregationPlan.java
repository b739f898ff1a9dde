package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import io.jvitess.gateway.engine.AggregateParams;
import io.jvitess.gateway.engine.GroupByParams;
import io.jvitess.gateway.engine.OrderByParams;
import io.jvitess.gateway.evaluation.EvalExpression;

import java.util.List;
import java.util.Optional;

/**
 * How vtgate finishes a GROUP BY / aggregate query over combined rows: the order the rows must
 * arrive in (so groups are contiguous), the groups and aggregates over slots, then the select
 * columns, HAVING and an ORDER BY the arrival order does not already give.
 */
record AggregationPlan(
        boolean scalar,
        List<GroupByParams> groupBy,
        List<AggregateParams> aggregates,
        List<OrderByParams> inputOrder,
        List<InputOrderItem> inputOrderExpressions,
        List<EvalExpression> outputs,
        List<String> names,
        Optional<EvalExpression> having,
        List<SortKey> finalOrder) {

    /** An expression the input is sorted by, for the ORDER BY pushed to the shards. */
    record InputOrderItem(SQLExpr expression, boolean descending) {
    }

    /** A sort key after aggregation: its value and, when known, the slot of its weight string. */
    record SortKey(EvalExpression expression, boolean descending, int weightStringSlot) {
    }

    AggregationPlan {
        groupBy = List.copyOf(groupBy);
        aggregates = List.copyOf(aggregates);
        inputOrder = List.copyOf(inputOrder);
        inputOrderExpressions = List.copyOf(inputOrderExpressions);
        outputs = List.copyOf(outputs);
        names = List.copyOf(names);
        finalOrder = List.copyOf(finalOrder);
    }
}
