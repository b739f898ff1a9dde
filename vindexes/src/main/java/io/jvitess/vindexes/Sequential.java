package io.jvitess.vindexes;

import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;

/** An order-preserving vindex: {@code BETWEEN start AND end} maps to one key range. */
public interface Sequential {

    Destination rangeMap(SqlValue start, SqlValue end);
}
