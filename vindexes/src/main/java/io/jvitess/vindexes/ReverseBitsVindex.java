package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** {@code reverse_bits}: the uint64 with its bits reversed, big-endian, so sequential ids spread across shards. */
final class ReverseBitsVindex extends FunctionalVindex implements Reversible {

    ReverseBitsVindex(VindexParams params) {
        super(params, Set.of(), 1, true);
    }

    @Override
    public byte[] hash(SqlValue value) {
        return NumericVindex.bigEndian(Long.reverse(ValueConversions.toCastUint64(value)));
    }

    @Override
    public List<SqlValue> reverseMap(List<byte[]> keyspaceIds) {
        return keyspaceIds.stream().map(keyspaceId -> {
            if (keyspaceId == null || keyspaceId.length != 8) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid keyspace id: %s",
                        keyspaceId == null ? "" : HexFormat.of().formatHex(keyspaceId));
            }
            return SqlValue.ofUnsignedLong(Long.reverse(ByteBuffer.wrap(keyspaceId).getLong()));
        }).toList();
    }
}
