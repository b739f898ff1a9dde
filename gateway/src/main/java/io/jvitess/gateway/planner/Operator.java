package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import io.jvitess.gateway.engine.Primitive;

import java.util.Set;

/**
 * The mutable planning form of a query's FROM and WHERE: routes (SQL for one set of shards),
 * nested-loop joins between them, and derived tables vtgate evaluates itself. Columns are
 * requested by expression and answered with an offset into the operator's output; once all
 * requests are in, {@link #build} produces the immutable primitive.
 */
sealed interface Operator permits RouteOperator, JoinOperator, DerivedOperator {

    /** The tables this operator reads. */
    Set<TableBinding> tables();

    /** Pushes a predicate as deep as it can go. */
    void addPredicate(SQLExpr predicate);

    /** The offset of a column computing {@code expression}, adding it if needed. */
    int addColumn(SQLExpr expression);

    /** The offset of a column with {@code weight_string(expression)}, or -1 if it cannot be had. */
    int addWeightString(SQLExpr expression);

    /** How many columns {@link #build}'s primitive returns (at least one). */
    int columnCount();

    Primitive build();
}
