package io.jvitess.gateway.engine;

import io.jvitess.gateway.evaluation.EvalExpression;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One value of an INSERT row: its SQL (sent to the shard as is) and, when vtgate needs the value
 * itself (vindex and auto-increment columns), the expression that computes it.
 */
public record InsertCell(SqlTemplate sql, Optional<EvalExpression> value) {

    public InsertCell {
        requireNonNull(sql, "sql is null");
        requireNonNull(value, "value is null");
    }
}
