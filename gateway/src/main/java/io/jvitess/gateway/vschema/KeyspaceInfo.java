package io.jvitess.gateway.vschema;

import static java.util.Objects.requireNonNull;

/** A keyspace's name and whether it is sharded: what a route needs to know about it. */
public record KeyspaceInfo(String name, boolean sharded) {

    public KeyspaceInfo {
        requireNonNull(name, "name is null");
    }
}
