package io.jvitess.vindexes;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;
import io.jvitess.proto.topodata.KeyRange;

import java.util.List;
import java.util.Set;

/** {@code binary}: the value's bytes are the keyspace id; reversible and order-preserving. */
final class BinaryVindex extends FunctionalVindex implements Reversible, Sequential {

    BinaryVindex(VindexParams params) {
        super(params, Set.of(), 0, false);
    }

    @Override
    public byte[] hash(SqlValue value) {
        return ValueConversions.toBytes(value);
    }

    @Override
    public List<SqlValue> reverseMap(List<byte[]> keyspaceIds) {
        return keyspaceIds.stream().map(keyspaceId -> {
            if (keyspaceId == null) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "Binary.ReverseMap: keyspaceId is nil");
            }
            return new SqlValue(Type.VARBINARY, keyspaceId);
        }).toList();
    }

    @Override
    public Destination rangeMap(SqlValue start, SqlValue end) {
        return new Destination.Range(KeyRange.newBuilder()
                .setStart(ByteString.copyFrom(hash(start)))
                .setEnd(ByteString.copyFrom(hash(end)))
                .build());
    }
}
