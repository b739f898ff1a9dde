package io.jvitess.tablet.vstreamer;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One row image change of a source table; {@code before} is empty for inserts, {@code after} for deletes. */
public record RowChange(String table, List<String> columns, Optional<List<SqlValue>> before, Optional<List<SqlValue>> after) {

    public enum Kind { INSERT, UPDATE, DELETE }

    public RowChange {
        requireNonNull(table, "table is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        before = requireNonNull(before, "before is null").map(List::copyOf);
        after = requireNonNull(after, "after is null").map(List::copyOf);
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("a row change needs a before or an after image");
        }
    }

    public Kind kind() {
        if (before.isEmpty()) {
            return Kind.INSERT;
        }
        return after.isEmpty() ? Kind.DELETE : Kind.UPDATE;
    }
}
