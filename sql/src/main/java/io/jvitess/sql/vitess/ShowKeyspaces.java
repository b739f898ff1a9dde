package io.jvitess.sql.vitess;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code SHOW KEYSPACES} or {@code SHOW VITESS_KEYSPACES [LIKE pattern]}. {@code like} is the unquoted pattern. */
public record ShowKeyspaces(Optional<String> like) implements VitessStatement {

    public ShowKeyspaces {
        requireNonNull(like, "like is null");
    }
}
