package io.jvitess.gateway.engine;

import io.jvitess.gateway.evaluation.BoundValue;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** One shard a route goes to, with the bind variables only this shard gets (its part of an IN list). */
public record ShardRoute(String shard, Map<String, BoundValue> shardBindVariables) {

    public ShardRoute {
        requireNonNull(shard, "shard is null");
        shardBindVariables = Map.copyOf(shardBindVariables);
    }
}
