package io.jvitess.tablet.vstreamer;

import io.jvitess.common.key.Destination;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.topodata.KeyRange;
import io.jvitess.vindexes.SingleColumnVindex;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Keeps a row iff its vindex column maps to a keyspace id inside the range (Vitess's in_keyrange). */
public record KeyRangeFilter(String column, SingleColumnVindex vindex, KeyRange keyRange) {

    public KeyRangeFilter {
        requireNonNull(column, "column is null");
        requireNonNull(vindex, "vindex is null");
        requireNonNull(keyRange, "keyRange is null");
    }

    public boolean keeps(List<String> columns, List<SqlValue> row) {
        int index = columns.indexOf(column);
        if (index < 0) {
            return false;
        }
        List<Destination> destinations = vindex.map(null, List.of(row.get(index)));
        return destinations.getFirst() instanceof Destination.KeyspaceId keyspaceId
                && KeyRanges.contains(keyRange, keyspaceId.id());
    }
}
