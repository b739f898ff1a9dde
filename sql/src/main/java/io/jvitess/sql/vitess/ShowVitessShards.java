package io.jvitess.sql.vitess;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code SHOW VITESS_SHARDS [LIKE pattern]}: every keyspace/shard. {@code like} is the unquoted pattern. */
public record ShowVitessShards(Optional<String> like) implements VitessStatement {

    public ShowVitessShards {
        requireNonNull(like, "like is null");
    }
}
