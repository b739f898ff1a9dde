package io.jvitess.gateway.executor;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.gateway.srvtopo.ServingGraph;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.sql.parser.TableName;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Finds the keyspace a statement's tables live in: a qualifier names it, otherwise the session's
 * keyspace, otherwise the one keyspace whose VSchema lists the table (Vitess's global routing).
 */
final class KeyspaceResolver {

    static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "mysql", "performance_schema", "sys");

    /** Where a statement goes: a keyspace, whether it only touches system schemas, and the keyspace qualifiers to strip. */
    record Resolution(String keyspace, boolean systemOnly, Set<String> qualifiersToStrip) {
    }

    private final ServingGraph servingGraph;

    KeyspaceResolver(ServingGraph servingGraph) {
        this.servingGraph = requireNonNull(servingGraph, "servingGraph is null");
    }

    Resolution resolve(Session session, List<TableName> tables) {
        Set<String> keyspaces = new LinkedHashSet<>();
        Set<String> qualifiers = new LinkedHashSet<>();
        boolean sawSystem = false;
        for (TableName table : tables) {
            if (table.qualifier().isPresent()) {
                String qualifier = table.qualifier().get();
                if (SYSTEM_SCHEMAS.contains(qualifier.toLowerCase(Locale.ROOT))) {
                    sawSystem = true;
                    continue;
                }
                if (!servingGraph.hasKeyspace(qualifier)) {
                    throw unknownDatabase(qualifier);
                }
                keyspaces.add(qualifier);
                qualifiers.add(qualifier);
            } else {
                keyspaces.add(session.keyspace().orElseGet(() -> globalKeyspaceOf(table.name())));
            }
        }
        if (keyspaces.size() > 1) {
            throw VtException.of(VtCode.UNIMPLEMENTED, SqlState.NOT_SUPPORTED_YET,
                    "VT12001: unsupported: cross-keyspace query between %s", String.join(" and ", keyspaces));
        }
        if (keyspaces.isEmpty()) {
            return new Resolution(defaultKeyspace(session), sawSystem, Set.of());
        }
        return new Resolution(keyspaces.iterator().next(), false, qualifiers);
    }

    /** The session keyspace, or any keyspace for statements that touch no keyspace table. */
    String defaultKeyspace(Session session) {
        if (session.keyspace().isPresent()) {
            return session.keyspace().get();
        }
        List<String> names = servingGraph.keyspaceNames();
        if (names.isEmpty()) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, SqlState.NO_DB,
                    "VT09005: no database selected: use keyspace<:shard><@type> or keyspace<[range]><@type> (<> are optional)");
        }
        return names.getFirst();
    }

    private String globalKeyspaceOf(String table) {
        List<String> owners = new ArrayList<>();
        for (Map.Entry<String, Keyspace> entry : servingGraph.vschema().getKeyspacesMap().entrySet()) {
            Keyspace keyspace = entry.getValue();
            if (!keyspace.getRequireExplicitRouting() && keyspace.containsTables(table)) {
                owners.add(entry.getKey());
            }
        }
        if (owners.size() == 1) {
            return owners.getFirst();
        }
        if (owners.size() > 1) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "ambiguous table reference: %s", table);
        }
        List<String> names = servingGraph.keyspaceNames();
        if (names.size() == 1) {
            return names.getFirst();
        }
        throw VtException.of(VtCode.NOT_FOUND, "table %s not found", table);
    }

    static VtException unknownDatabase(String name) {
        return VtException.of(VtCode.NOT_FOUND, SqlState.BAD_DB, "VT05003: unknown database '%s' in vschema", name);
    }

    static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
