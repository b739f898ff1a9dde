package io.jvitess.vindexes;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;
import java.util.Set;

/** {@code hash}: DES (zero key) of the value as a big-endian uint64; reversible. The classic sharding vindex. */
final class HashVindex extends FunctionalVindex implements Reversible {

    HashVindex(VindexParams params) {
        super(params, Set.of(), 1, true);
    }

    @Override
    public byte[] hash(SqlValue value) {
        return DesBlock.encrypt(ValueConversions.toHashNumber(value));
    }

    /** Vitess's Verify uses the plain uint64 cast, so negative signed values fail there while Map accepts them. */
    @Override
    byte[] verificationKey(SqlValue id) {
        return DesBlock.encrypt(ValueConversions.toCastUint64(id));
    }

    @Override
    public List<SqlValue> reverseMap(List<byte[]> keyspaceIds) {
        return keyspaceIds.stream().map(keyspaceId -> SqlValue.ofUnsignedLong(DesBlock.decrypt(keyspaceId))).toList();
    }
}
