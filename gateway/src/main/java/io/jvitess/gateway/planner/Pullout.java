package io.jvitess.gateway.planner;

import io.jvitess.gateway.engine.Primitive;
import io.jvitess.gateway.engine.SubqueryOpcode;

import static java.util.Objects.requireNonNull;

/** A subquery taken out of its query to run first; its result reaches the query as bind variables. */
record Pullout(SubqueryOpcode opcode, String subqueryVariable, String hasValuesVariable, Primitive plan) {

    Pullout {
        requireNonNull(opcode, "opcode is null");
        requireNonNull(subqueryVariable, "subqueryVariable is null");
        requireNonNull(hasValuesVariable, "hasValuesVariable is null");
        requireNonNull(plan, "plan is null");
    }
}
