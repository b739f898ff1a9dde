package io.jvitess.gateway.engine;

import io.jvitess.gateway.evaluation.BindVariables;

import java.util.List;
import java.util.Map;

/**
 * One step of an executable plan. Primitives are immutable and hold no execution state: the
 * same plan runs concurrently for many sessions, each with its own context and bind variables.
 */
public sealed interface Primitive
        permits Route, Send, Join, Limit, MemorySort, Aggregate, Distinct, Concatenate, Projection, Filter, SimpleProjection,
        UncorrelatedSubquery, Insert, Dml {

    ResultSet execute(ExecutionContext context, BindVariables bindVariables);

    /** The columns this primitive returns, with as little work as possible (used when there are no rows to show them). */
    ResultSet fields(ExecutionContext context, BindVariables bindVariables);

    /** Vitess's plan description: OperatorType, Variant, Keyspace, ..., Inputs. */
    Map<String, Object> describe();

    List<Primitive> inputs();

    /** True if the primitive changes data (and so needs a PRIMARY target). */
    default boolean isDml() {
        return inputs().stream().anyMatch(Primitive::isDml);
    }

    /**
     * True if the statement must run in a transaction even in autocommit mode: several shards
     * or lookup vindex rows must change together.
     */
    default boolean needsTransaction() {
        return inputs().stream().anyMatch(Primitive::needsTransaction);
    }
}
