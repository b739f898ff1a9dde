package io.jvitess.gateway.engine;

import static java.util.Objects.requireNonNull;

/** One aggregate: what to compute, over which column (replaced in place), and its name in the plan. */
public record AggregateParams(AggregateOpcode opcode, int column, int weightStringColumn, String alias) {

    public AggregateParams {
        requireNonNull(opcode, "opcode is null");
        requireNonNull(alias, "alias is null");
    }

    public String describe() {
        String key = weightStringColumn < 0 ? Integer.toString(column) : column + "|" + weightStringColumn;
        return opcode.displayName() + "(" + key + ") AS " + alias;
    }
}
