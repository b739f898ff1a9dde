package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;

/** A vindex that is a pure function of one value; {@code multicol} combines these. */
public interface Hashing {

    /** The keyspace id of {@code value}; throws {@link io.jvitess.common.errors.VtException} if it cannot map. */
    byte[] hash(SqlValue value);
}
