package io.jvitess.gateway.vschema;

import io.jvitess.vindexes.Vindex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One keyspace of the resolved VSchema: its tables and vindex instances, and what failed to build. */
public record Keyspace(KeyspaceInfo info, boolean requireExplicitRouting, Map<String, Table> tables, Map<String, Vindex> vindexes,
                       Optional<String> error) {

    public Keyspace {
        requireNonNull(info, "info is null");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        vindexes = Collections.unmodifiableMap(new LinkedHashMap<>(vindexes));
        requireNonNull(error, "error is null");
    }

    public String name() {
        return info.name();
    }

    public boolean sharded() {
        return info.sharded();
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }
}
