package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.expr.SQLInListExpr;
import io.jvitess.common.key.Destination;
import io.jvitess.gateway.engine.RouteOpcode;
import io.jvitess.gateway.engine.RoutingParameters;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.vindexes.Vindex;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A route's shard selection while planning: the engine's routing parameters plus the IN
 * predicate to rewrite to {@code ::__vals} so that each shard only gets its own values.
 */
record Routing(RoutingParameters parameters, Optional<SQLInListExpr> inPredicate) {

    Routing {
        requireNonNull(parameters, "parameters is null");
        requireNonNull(inPredicate, "inPredicate is null");
    }

    static Routing of(RouteOpcode opcode, KeyspaceInfo keyspace) {
        return new Routing(RoutingParameters.of(opcode, keyspace), Optional.empty());
    }

    static Routing byVindex(RouteOpcode opcode, KeyspaceInfo keyspace, Vindex vindex, EvalExpression value) {
        return new Routing(RoutingParameters.byVindex(opcode, keyspace, vindex, value), Optional.empty());
    }

    static Routing toDestination(RouteOpcode opcode, KeyspaceInfo keyspace, Destination destination) {
        return new Routing(RoutingParameters.toDestination(opcode, keyspace, destination), Optional.empty());
    }

    Routing withInPredicate(SQLInListExpr predicate) {
        return new Routing(parameters, Optional.of(predicate));
    }

    RouteOpcode opcode() {
        return parameters.opcode();
    }

    KeyspaceInfo keyspace() {
        return parameters.keyspace();
    }

    boolean isSingleShard() {
        return opcode().isSingleShard();
    }

    /** The value routed on, for comparing two single-shard routes. */
    Optional<String> valueText() {
        return parameters.values().isEmpty() ? Optional.empty() : Optional.of(parameters.values().getFirst().describe());
    }

    Optional<String> vindexName() {
        return parameters.vindex().map(Vindex::name);
    }

    /** True if this routing sends to fewer shards (or the same, more cheaply) than {@code other}. */
    boolean betterThan(Routing other) {
        int rank = Integer.compare(opcode().rank(), other.opcode().rank());
        if (rank != 0) {
            return rank < 0;
        }
        int cost = parameters.vindex().map(Vindex::cost).orElse(Integer.MAX_VALUE);
        int otherCost = other.parameters.vindex().map(Vindex::cost).orElse(Integer.MAX_VALUE);
        return cost < otherCost;
    }
}
