package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import io.jvitess.gateway.engine.AggregateOpcode;

/**
 * The rows vtgate aggregates: either partial aggregates pushed to every shard (a scatter
 * route), or raw rows of a cross-shard join or derived table. Each request returns the
 * column ("slot") of the rows that holds the value.
 */
interface AggregationSource {

    /** What to compute for an aggregate function over this source, and in which slot. */
    record AggregateSlot(int slot, AggregateOpcode opcode) {
    }

    int groupKey(SQLExpr expression);

    /** The slot of {@code weight_string(expression)}, or -1 when the source cannot provide it. */
    int weightString(SQLExpr expression);

    /** A non-aggregated value; the first row of each group wins. */
    int plain(SQLExpr expression);

    /** count(*) when argument is null, else count/sum/min/max of the argument. */
    AggregateSlot aggregate(String function, SQLExpr argument);

    /** The argument of count(distinct x) / sum(distinct x): its own slot, sorted within each group. */
    int distinctArgument(SQLExpr expression);
}
