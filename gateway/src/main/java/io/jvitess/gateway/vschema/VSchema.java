package io.jvitess.gateway.vschema;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletTypes;
import io.jvitess.proto.topodata.TabletType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The resolved VSchema vtgate plans against: keyspaces with their tables and vindexes, routing
 * rules, and the global (unqualified) table names. Immutable; rebuilt when the SrvVSchema changes.
 */
public final class VSchema {

    private final Map<String, Keyspace> keyspaces;
    private final Map<String, List<String>> routingRules;
    private final Map<String, Table> globalTables;
    private final Set<String> ambiguousTables;
    private final long generation;

    VSchema(Map<String, Keyspace> keyspaces, Map<String, List<String>> routingRules, Map<String, Table> globalTables,
            Set<String> ambiguousTables, long generation) {
        this.keyspaces = Collections.unmodifiableMap(new LinkedHashMap<>(keyspaces));
        this.routingRules = Collections.unmodifiableMap(new LinkedHashMap<>(routingRules));
        this.globalTables = Collections.unmodifiableMap(new LinkedHashMap<>(globalTables));
        this.ambiguousTables = Set.copyOf(ambiguousTables);
        this.generation = generation;
    }

    /** Increases each time a different SrvVSchema is resolved; part of the plan cache key. */
    public long generation() {
        return generation;
    }

    public Map<String, Keyspace> keyspaces() {
        return keyspaces;
    }

    public Optional<Keyspace> keyspace(String name) {
        return Optional.ofNullable(keyspaces.get(name));
    }

    public Keyspace requireKeyspace(String name) {
        Keyspace keyspace = keyspaces.get(name);
        if (keyspace == null) {
            throw unknownDatabase(name);
        }
        return keyspace;
    }

    public Set<String> keyspaceNames() {
        return new TreeSet<>(keyspaces.keySet());
    }

    /**
     * Finds the table a statement names, as Vitess does: routing rules first
     * ({@code ks.t@type}, then {@code ks.t}; {@code t@type}, then {@code t} when unqualified),
     * then the named keyspace (or the default keyspace), then the global names.
     *
     * @param qualifier       the keyspace written in the statement, if any
     * @param defaultKeyspace the session's keyspace, if any
     */
    public Table findTable(Optional<String> qualifier, String name, Optional<String> defaultKeyspace, TabletType tabletType) {
        requireNonNull(qualifier, "qualifier is null");
        requireNonNull(name, "name is null");
        Optional<List<String>> rule = routingRule(qualifier, name, tabletType);
        if (rule.isPresent()) {
            List<String> targets = rule.get();
            if (targets.isEmpty()) {
                throw VtException.of(VtCode.FAILED_PRECONDITION, "table %s has been disabled", name);
            }
            String target = targets.getFirst();
            int dot = target.indexOf('.');
            return tableIn(target.substring(0, dot), target.substring(dot + 1));
        }
        if (qualifier.isPresent()) {
            return tableIn(qualifier.get(), name);
        }
        if (defaultKeyspace.isPresent()) {
            return tableIn(defaultKeyspace.get(), name);
        }
        return globalTable(name);
    }

    /** A table in a keyspace; any name is accepted in an unsharded keyspace. */
    public Table tableIn(String keyspaceName, String name) {
        Keyspace keyspace = requireKeyspace(keyspaceName);
        Optional<Table> table = keyspace.table(name);
        if (table.isPresent()) {
            return table.get();
        }
        if (!keyspace.sharded()) {
            return Table.unlisted(name, keyspace.info());
        }
        throw VtException.of(VtCode.NOT_FOUND, "table %s not found", name);
    }

    private Table globalTable(String name) {
        if (ambiguousTables.contains(name)) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "ambiguous table reference: %s", name);
        }
        Table table = globalTables.get(name);
        if (table != null) {
            return table;
        }
        if (keyspaces.size() == 1) {
            return tableIn(keyspaces.keySet().iterator().next(), name);
        }
        throw VtException.of(VtCode.NOT_FOUND, "table %s not found", name);
    }

    private Optional<List<String>> routingRule(Optional<String> qualifier, String name, TabletType tabletType) {
        if (routingRules.isEmpty()) {
            return Optional.empty();
        }
        String base = qualifier.map(keyspace -> keyspace + "." + name).orElse(name);
        if (tabletType != TabletType.PRIMARY) {
            List<String> typed = routingRules.get(base + "@" + TabletTypes.lowerName(tabletType));
            if (typed != null) {
                return Optional.of(typed);
            }
        }
        return Optional.ofNullable(routingRules.get(base));
    }

    public static VtException unknownDatabase(String name) {
        return VtException.of(VtCode.NOT_FOUND, SqlState.BAD_DB, "VT05003: unknown database '%s' in vschema", name);
    }
}
