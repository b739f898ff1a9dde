package io.jvitess.sql.vitess;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code SHOW DATABASES} or {@code SHOW SCHEMAS [LIKE pattern]}, which vtgate answers with its keyspaces. {@code like} is the unquoted pattern. */
public record ShowDatabases(Optional<String> like) implements VitessStatement {

    public ShowDatabases {
        requireNonNull(like, "like is null");
    }
}
