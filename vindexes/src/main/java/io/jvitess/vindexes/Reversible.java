package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;

/** A vindex whose keyspace ids can be turned back into the column value. */
public interface Reversible {

    List<SqlValue> reverseMap(List<byte[]> keyspaceIds);
}
