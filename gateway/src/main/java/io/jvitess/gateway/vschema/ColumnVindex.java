package io.jvitess.gateway.vschema;

import io.jvitess.vindexes.LookupVindex;
import io.jvitess.vindexes.SingleColumnVindex;
import io.jvitess.vindexes.Vindex;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A vindex applied to a table's column(s). {@code owned} means this table's inserts, updates and
 * deletes maintain the (lookup) vindex's rows. Column names are kept lower-case, as MySQL
 * column names are case-insensitive.
 */
public record ColumnVindex(List<String> columns, String name, Vindex vindex, boolean owned) {

    public ColumnVindex {
        columns = columns.stream().map(column -> column.toLowerCase(Locale.ROOT)).toList();
        requireNonNull(name, "name is null");
        requireNonNull(vindex, "vindex is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a column vindex needs at least one column");
        }
    }

    public boolean isSingleColumn() {
        return columns.size() == 1 && vindex instanceof SingleColumnVindex;
    }

    public boolean isLookup() {
        return vindex instanceof LookupVindex;
    }

    public int cost() {
        return vindex.cost();
    }

    public boolean isUnique() {
        return vindex.isUnique();
    }
}
