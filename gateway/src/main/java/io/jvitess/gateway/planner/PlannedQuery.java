package io.jvitess.gateway.planner;

import io.jvitess.gateway.engine.Primitive;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A planned SELECT or UNION: its primitive, its column names, and, when the whole query runs
 * as one route that each shard can answer for its own rows, that route (so the query can be
 * embedded in another route as a derived table or subquery).
 */
record PlannedQuery(Primitive primitive, List<String> columnNames, Optional<RouteOperator> route) {

    PlannedQuery {
        requireNonNull(primitive, "primitive is null");
        columnNames = List.copyOf(columnNames);
        requireNonNull(route, "route is null");
    }
}
