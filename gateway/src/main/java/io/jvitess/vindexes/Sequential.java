package io.jvitess.vindexes;

import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;

/** TEMPORARY STUB of the jvitess-vindexes API (delete when the module is installed). */
public interface Sequential {
    Destination rangeMap(SqlValue start, SqlValue end);
}
