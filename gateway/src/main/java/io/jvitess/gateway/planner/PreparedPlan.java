package io.jvitess.gateway.planner;

import io.jvitess.gateway.evaluation.BindVariables;

import static java.util.Objects.requireNonNull;

/** A plan with the bind variables of this execution (the literals normalized out of the query). */
public record PreparedPlan(Plan plan, BindVariables bindVariables) {

    public PreparedPlan {
        requireNonNull(plan, "plan is null");
        requireNonNull(bindVariables, "bindVariables is null");
    }
}
