package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;

/** Lookup-table vindexes ({@code lookup}, {@code lookup_unique}, {@code consistent_lookup}, {@code consistent_lookup_unique}). */
public interface LookupVindex extends SingleColumnVindex {

    String table();

    List<String> fromColumns();

    String toColumn();

    boolean autocommit();

    boolean writeOnly();

    boolean ignoreNulls();

    /** Inserts lookup rows: {@code rowsColumns.get(i)} = values of fromColumns for row i, {@code keyspaceIds.get(i)} its keyspace id. */
    void create(LookupContext context, List<List<SqlValue>> rowsColumns, List<byte[]> keyspaceIds, boolean ignoreMode);

    void delete(LookupContext context, List<List<SqlValue>> rowsColumns, byte[] keyspaceId);

    void update(LookupContext context, List<SqlValue> oldValues, byte[] keyspaceId, List<SqlValue> newValues);
}
