package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.Set;

/** {@code xxhash}: XXH64 of the value's bytes (numbers as decimal text), written little-endian. */
final class XxhashVindex extends FunctionalVindex {

    XxhashVindex(VindexParams params) {
        super(params, Set.of(), 1, false);
    }

    @Override
    public byte[] hash(SqlValue value) {
        return Xxh64.littleEndian(ValueConversions.toBytes(value));
    }
}
