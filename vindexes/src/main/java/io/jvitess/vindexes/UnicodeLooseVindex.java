package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code unicode_loose_md5} and {@code unicode_loose_xxhash}: the hash of the value's primary-weight collation
 * key, so strings equal under a case- and accent-insensitive collation share a keyspace id.
 */
final class UnicodeLooseVindex extends FunctionalVindex {

    enum Flavor {
        MD5("UnicodeLooseMD5", Md5::digest),
        XXHASH("UnicodeLooseXXHash", Xxh64::littleEndian);

        private final String goName;
        private final UnaryOperator<byte[]> digest;

        Flavor(String goName, UnaryOperator<byte[]> digest) {
            this.goName = goName;
            this.digest = digest;
        }
    }

    private final Flavor flavor;

    UnicodeLooseVindex(VindexParams params, Flavor flavor) {
        super(params, Set.of(), 1, false);
        this.flavor = flavor;
    }

    @Override
    public byte[] hash(SqlValue value) {
        byte[] bytes = ValueConversions.toBytes(value);
        if (!GoText.isValidUtf8(bytes)) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "cannot normalize string containing invalid UTF-8: %s", GoText.quote(bytes));
        }
        return flavor.digest.apply(UnicodeLooseKey.of(bytes));
    }

    @Override
    public List<Destination> map(LookupContext context, List<SqlValue> ids) {
        try {
            return super.map(context, ids);
        } catch (VtException failure) {
            throw failure.withPrefix(flavor.goName + ".Map: ");
        }
    }

    @Override
    public List<Boolean> verify(LookupContext context, List<SqlValue> ids, List<byte[]> keyspaceIds) {
        try {
            return super.verify(context, ids, keyspaceIds);
        } catch (VtException failure) {
            throw failure.withPrefix(flavor.goName + ".Verify: ");
        }
    }
}
