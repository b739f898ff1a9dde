package io.jvitess.gateway.planner;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tables visible in a query block, with the enclosing block's scope for correlated references. */
final class Scope {

    private final List<TableBinding> bindings;
    private final Optional<Scope> parent;

    Scope(List<TableBinding> bindings, Optional<Scope> parent) {
        this.bindings = List.copyOf(bindings);
        this.parent = parent;
    }

    List<TableBinding> bindings() {
        return bindings;
    }

    Optional<Scope> parent() {
        return parent;
    }

    /** The binding a qualifier names, searching enclosing scopes too. */
    Optional<TableBinding> byQualifier(Optional<String> keyspace, String qualifier) {
        for (TableBinding binding : bindings) {
            if (binding.matches(keyspace, qualifier)) {
                return Optional.of(binding);
            }
        }
        return parent.flatMap(outer -> outer.byQualifier(keyspace, qualifier));
    }

    /**
     * The binding an unqualified column belongs to: the only table of the block, or the only one
     * known to have the column; empty when that cannot be known (several tables, no schema).
     */
    Optional<TableBinding> byColumn(String column) {
        if (bindings.size() == 1) {
            return Optional.of(bindings.getFirst());
        }
        List<TableBinding> having = new ArrayList<>();
        boolean allKnown = true;
        for (TableBinding binding : bindings) {
            Optional<Boolean> known = binding.knowsColumn(column);
            if (known.isEmpty()) {
                allKnown = false;
            } else if (known.get()) {
                having.add(binding);
            }
        }
        if (having.size() == 1) {
            return Optional.of(having.getFirst());
        }
        if (having.isEmpty() && allKnown && parent.isPresent()) {
            return parent.get().byColumn(column);
        }
        return Optional.empty();
    }

    boolean contains(TableBinding binding) {
        return bindings.contains(binding);
    }

    static VtException ambiguousColumn(String column) {
        return VtException.of(VtCode.INVALID_ARGUMENT, new SqlState(1052, "23000"), "Column '%s' in field list is ambiguous",
                Identifiers.unquote(column));
    }
}
