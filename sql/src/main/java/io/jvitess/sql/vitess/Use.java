package io.jvitess.sql.vitess;

import static java.util.Objects.requireNonNull;

/**
 * {@code USE target}: the session's new target string with backquotes removed, e.g. {@code ks},
 * {@code ks@replica}, {@code ks:-80}; "" for a bare {@code USE}, which clears the keyspace.
 * Parse it with {@link io.jvitess.sql.target.Target#parse}.
 */
public record Use(String target) implements VitessStatement {

    public Use {
        requireNonNull(target, "target is null");
    }
}
