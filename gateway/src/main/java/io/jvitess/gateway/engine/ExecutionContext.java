package io.jvitess.gateway.engine;

import io.jvitess.vindexes.LookupContext;

import static java.util.Objects.requireNonNull;

/**
 * Everything a primitive reaches outside itself, as small role interfaces: running SQL on
 * shards, resolving a keyspace's shards, and the lookup access vindexes need.
 */
public record ExecutionContext(ShardQueryExecutor shardQueries, DestinationResolver destinations, LookupContext lookups) {

    public ExecutionContext {
        requireNonNull(shardQueries, "shardQueries is null");
        requireNonNull(destinations, "destinations is null");
        requireNonNull(lookups, "lookups is null");
    }
}
