package io.jvitess.sql.vitess;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code SELECT NEXT N VALUES FROM [ks.]seq} ({@code SELECT NEXT VALUE FROM seq} is N = 1): reserve
 * {@code count} values of a Vitess sequence table. Names are unquoted.
 */
public record SelectNext(long count, Optional<String> keyspace, String table) implements VitessStatement {

    public SelectNext {
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(table, "table is null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
    }
}
