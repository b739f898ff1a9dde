package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;

/** TEMPORARY STUB of the jvitess-vindexes API (delete when the module is installed). */
public interface LookupVindex extends SingleColumnVindex {
    String table();

    List<String> fromColumns();

    String toColumn();

    boolean autocommit();

    boolean writeOnly();

    boolean ignoreNulls();

    void create(LookupContext context, List<List<SqlValue>> rowsColumns, List<byte[]> keyspaceIds, boolean ignoreMode);

    void delete(LookupContext context, List<List<SqlValue>> rowsColumns, byte[] keyspaceId);

    void update(LookupContext context, List<SqlValue> oldValues, byte[] keyspaceId, List<SqlValue> newValues);
}
