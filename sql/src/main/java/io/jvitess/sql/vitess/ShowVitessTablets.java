package io.jvitess.sql.vitess;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code SHOW VITESS_TABLETS [LIKE pattern]}: the tablets vtgate knows of. {@code like} is the unquoted pattern. */
public record ShowVitessTablets(Optional<String> like) implements VitessStatement {

    public ShowVitessTablets {
        requireNonNull(like, "like is null");
    }
}
