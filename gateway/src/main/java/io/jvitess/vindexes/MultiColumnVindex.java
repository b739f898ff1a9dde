package io.jvitess.vindexes;

import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;

/** TEMPORARY STUB of the jvitess-vindexes API (delete when the module is installed). */
public interface MultiColumnVindex extends Vindex {
    List<Destination> map(LookupContext context, List<List<SqlValue>> rows);

    List<Boolean> verify(LookupContext context, List<List<SqlValue>> rows, List<byte[]> keyspaceIds);

    boolean partialVindex();
}
