package io.jvitess.gateway.engine;

import static java.util.Objects.requireNonNull;

/** One statement for one shard of a keyspace. */
public record ShardQuery(String keyspace, String shard, String sql) {

    public ShardQuery {
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(shard, "shard is null");
        requireNonNull(sql, "sql is null");
    }
}
