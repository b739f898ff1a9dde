package io.jvitess.tablet.vstreamer;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One batch of the copy phase: the rows the filter kept, and the primary key of the last row scanned
 * (kept or not) so the next batch starts after it. {@code finished} means the table has no more rows.
 */
public record RowChunk(List<String> columns, List<List<SqlValue>> rows, Optional<List<SqlValue>> lastPk, boolean finished) {

    public RowChunk {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(lastPk, "lastPk is null");
    }
}
