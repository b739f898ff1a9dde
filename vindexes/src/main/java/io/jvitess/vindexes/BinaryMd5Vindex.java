package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.Set;

/** {@code binary_md5}: MD5 of the value's bytes (16-byte keyspace ids). */
final class BinaryMd5Vindex extends FunctionalVindex {

    BinaryMd5Vindex(VindexParams params) {
        super(params, Set.of(), 1, false);
    }

    @Override
    public byte[] hash(SqlValue value) {
        return Md5.digest(ValueConversions.toBytes(value));
    }
}
