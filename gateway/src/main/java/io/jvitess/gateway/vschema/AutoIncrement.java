package io.jvitess.gateway.vschema;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** A column filled from a Vitess sequence table when an INSERT leaves it NULL, 0 or out. */
public record AutoIncrement(String column, Table sequence) {

    public AutoIncrement {
        column = requireNonNull(column, "column is null").toLowerCase(Locale.ROOT);
        requireNonNull(sequence, "sequence is null");
    }
}
