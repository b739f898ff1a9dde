package io.jvitess.vindexes;

import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;

/** A vindex over several columns. Functional vindexes accept a null context. */
public interface MultiColumnVindex extends Vindex {

    /** One destination per row; a row may be a leading prefix of the columns if {@link #partialVindex()}. */
    List<Destination> map(LookupContext context, List<List<SqlValue>> rows);

    List<Boolean> verify(LookupContext context, List<List<SqlValue>> rows, List<byte[]> keyspaceIds);

    /** True if a leading subset of the columns can be mapped (to a key range). */
    boolean partialVindex();
}
