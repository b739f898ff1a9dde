package io.jvitess.vindexes;

import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;

/** A vindex over one column. Functional vindexes accept a null context. */
public interface SingleColumnVindex extends Vindex {

    /** One destination per id, in order; a value that cannot map gives {@link Destination.None}. */
    List<Destination> map(LookupContext context, List<SqlValue> ids);

    /** Whether each id maps to the keyspace id at the same position. */
    List<Boolean> verify(LookupContext context, List<SqlValue> ids, List<byte[]> keyspaceIds);
}
