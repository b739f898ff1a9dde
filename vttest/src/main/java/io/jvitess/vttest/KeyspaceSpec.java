package io.jvitess.vttest;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** One keyspace of the test cluster and how many shards it has (one shard means unsharded, shard {@code 0}). */
public record KeyspaceSpec(String name, int shardCount) {

    public KeyspaceSpec {
        requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("keyspace name is empty");
        }
        if (shardCount < 1) {
            throw new IllegalArgumentException("keyspace " + name + " needs at least one shard, got " + shardCount);
        }
    }

    public List<String> shardNames() {
        return ShardNames.evenSplit(shardCount);
    }
}
