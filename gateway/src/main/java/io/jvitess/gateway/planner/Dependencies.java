package io.jvitess.gateway.planner;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables an expression reads (including through correlated subqueries), and the columns
 * that could not be tied to a table.
 */
record Dependencies(Set<TableBinding> tables, List<String> unresolvedColumns) {

    Dependencies {
        tables = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tables));
        unresolvedColumns = List.copyOf(unresolvedColumns);
    }

    boolean resolved() {
        return unresolvedColumns.isEmpty();
    }

    boolean isEmpty() {
        return tables.isEmpty() && unresolvedColumns.isEmpty();
    }

    /** True if every table read is among {@code available} and nothing is unresolved. */
    boolean coveredBy(Set<TableBinding> available) {
        return resolved() && available.containsAll(tables);
    }
}
