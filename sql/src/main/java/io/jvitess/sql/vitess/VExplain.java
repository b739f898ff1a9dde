package io.jvitess.sql.vitess;

import static java.util.Objects.requireNonNull;

/**
 * {@code VEXPLAIN [PLAN|QUERIES|ALL|TRACE|KEYS] query} or {@code EXPLAIN FORMAT=VITESS query}: explain
 * how vtgate runs {@code query}. {@code mode} is lower-case, "plan" when not given.
 */
public record VExplain(String mode, String query) implements VitessStatement {

    public VExplain {
        requireNonNull(mode, "mode is null");
        requireNonNull(query, "query is null");
    }
}
