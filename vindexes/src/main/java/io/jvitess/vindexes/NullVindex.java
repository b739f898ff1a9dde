package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.Set;

/** {@code null}: every value maps to keyspace id {@code 00}, i.e. the first shard. */
final class NullVindex extends FunctionalVindex {

    NullVindex(VindexParams params) {
        super(params, Set.of(), 100, false);
    }

    @Override
    public byte[] hash(SqlValue value) {
        return new byte[1];
    }
}
