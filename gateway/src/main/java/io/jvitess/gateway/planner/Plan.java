package io.jvitess.gateway.planner;

import io.jvitess.gateway.engine.Primitive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A cached, immutable plan: the statement type, its primitive tree, and the tables it uses ({@code ks.t}). */
public record Plan(String queryType, Primitive instructions, List<String> tablesUsed) {

    public Plan {
        requireNonNull(queryType, "queryType is null");
        requireNonNull(instructions, "instructions is null");
        tablesUsed = List.copyOf(tablesUsed);
    }

    /** Vitess's plan JSON: QueryType, Instructions, TablesUsed. */
    public Map<String, Object> describe(String original) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("QueryType", queryType);
        description.put("Original", original);
        description.put("Instructions", instructions.describe());
        if (!tablesUsed.isEmpty()) {
            description.put("TablesUsed", tablesUsed);
        }
        return description;
    }
}
