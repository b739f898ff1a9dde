package io.jvitess.tablet.vstreamer;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** How one source table is streamed: all columns, optionally only the rows inside a key range. */
public record TablePlan(String table, Optional<KeyRangeFilter> keyRange) {

    public TablePlan {
        requireNonNull(table, "table is null");
        requireNonNull(keyRange, "keyRange is null");
    }

    public boolean keeps(List<String> columns, List<SqlValue> row) {
        return keyRange.map(filter -> filter.keeps(columns, row)).orElse(true);
    }
}
