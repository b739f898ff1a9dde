package io.jvitess.vindexes;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.topodata.KeyRange;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/** {@code numeric}: the value as a big-endian uint64 is the keyspace id; reversible and order-preserving. */
final class NumericVindex extends FunctionalVindex implements Reversible, Sequential {

    NumericVindex(VindexParams params) {
        super(params, Set.of(), 0, true);
    }

    @Override
    public byte[] hash(SqlValue value) {
        return bigEndian(ValueConversions.toCastUint64(value));
    }

    @Override
    public List<SqlValue> reverseMap(List<byte[]> keyspaceIds) {
        return keyspaceIds.stream().map(keyspaceId -> {
            int length = keyspaceId == null ? 0 : keyspaceId.length;
            if (length != 8) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "Numeric.ReverseMap: length of keyspaceId is not 8: %d", length);
            }
            return SqlValue.ofUnsignedLong(ByteBuffer.wrap(keyspaceId).getLong());
        }).toList();
    }

    @Override
    public Destination rangeMap(SqlValue start, SqlValue end) {
        return new Destination.Range(KeyRange.newBuilder()
                .setStart(ByteString.copyFrom(hash(start)))
                .setEnd(ByteString.copyFrom(hash(end)))
                .build());
    }

    static byte[] bigEndian(long number) {
        return ByteBuffer.allocate(8).putLong(number).array();
    }
}
