package io.jvitess.sql.vitess;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code SHOW VITESS_REPLICATION_STATUS [LIKE pattern]}. {@code like} is the unquoted pattern. */
public record ShowVitessReplicationStatus(Optional<String> like) implements VitessStatement {

    public ShowVitessReplicationStatus {
        requireNonNull(like, "like is null");
    }
}
