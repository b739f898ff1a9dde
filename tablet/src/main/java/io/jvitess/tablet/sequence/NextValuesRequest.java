package io.jvitess.tablet.sequence;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One {@code select next N values from [qualifier.]table} with N resolved and validated: the caller
 * asks for {@code count} values of the sequence backed by {@code table}.
 */
public record NextValuesRequest(Optional<String> qualifier, String table, long count) {

    public NextValuesRequest {
        requireNonNull(qualifier, "qualifier is null");
        requireNonNull(table, "table is null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
    }

    /** The table as the statement wrote it (unquoted), which is how Vitess names it in errors. */
    public String displayName() {
        return qualifier.map(name -> name + "." + table).orElse(table);
    }
}
