package io.jvitess.gateway.planner;

import io.jvitess.gateway.vschema.Table;
import io.jvitess.gateway.vschema.VSchema;
import io.jvitess.proto.topodata.TabletType;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * State of planning one statement: the VSchema, the session's keyspace and tablet type, the
 * tables used (for the plan), and unique names for the bind variables the planner introduces.
 * Used by one planning call at a time.
 */
final class PlanningContext {

    private final VSchema vschema;
    private final Optional<String> defaultKeyspace;
    private final TabletType tabletType;
    private final Set<String> reservedNames = new HashSet<>();
    private final Set<String> tablesUsed = new LinkedHashSet<>();
    private int subqueryCounter;

    PlanningContext(VSchema vschema, Optional<String> defaultKeyspace, TabletType tabletType, Set<String> existingBindVariables) {
        this.vschema = requireNonNull(vschema, "vschema is null");
        this.defaultKeyspace = requireNonNull(defaultKeyspace, "defaultKeyspace is null");
        this.tabletType = requireNonNull(tabletType, "tabletType is null");
        this.reservedNames.addAll(existingBindVariables);
    }

    VSchema vschema() {
        return vschema;
    }

    Optional<String> defaultKeyspace() {
        return defaultKeyspace;
    }

    TabletType tabletType() {
        return tabletType;
    }

    Table findTable(Optional<String> qualifier, String name) {
        Table table = vschema.findTable(qualifier, name, defaultKeyspace, tabletType);
        tablesUsed.add(table.keyspace().name() + "." + table.name());
        return table;
    }

    Set<String> tablesUsed() {
        return tablesUsed;
    }

    /** A join variable name not used yet: {@code alias_column}, then {@code alias_column1}, ... */
    String reserveJoinVariable(String base) {
        String clean = base.replaceAll("[^A-Za-z0-9_]", "_");
        String name = clean;
        int suffix = 1;
        while (!reservedNames.add(name)) {
            name = clean + suffix++;
        }
        return name;
    }

    /** The next subquery number n, for {@code __sq<n>} and {@code __sq_has_values<n>}. */
    int nextSubquery() {
        return ++subqueryCounter;
    }
}
