package io.jvitess.vindexes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.sqltypes.SqlValue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code cfc} (concatenated functional components): the value's bytes are cut at {@code offsets} and each
 * piece is replaced by its {@code hash} ({@code md5} or {@code xxhash64}) truncated to the piece's length,
 * so values sharing a leading component share a key range. Without {@code hash} the bytes are the id.
 */
final class CfcVindex extends FunctionalVindex implements Prefixable {

    private static final Set<String> PARAMS = Set.of("hash", "offsets");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnaryOperator<byte[]> componentHash;
    private final int[] offsets;
    private final PrefixVindex prefixVindex;

    CfcVindex(VindexParams params) {
        super(params, PARAMS, 1, false);
        String hash = params.value("hash").orElse("");
        this.componentHash = switch (hash) {
            case "" -> null;
            case "md5" -> Md5::digest;
            case "xxhash64" -> Xxh64::littleEndian;
            default -> throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid hash function: %s", hash);
        };
        this.offsets = componentHash == null ? new int[0] : offsets(params);
        this.prefixVindex = new PrefixVindex(params);
    }

    @Override
    public byte[] hash(SqlValue value) {
        return keyspaceId(ValueConversions.toBytes(value), false);
    }

    @Override
    public SingleColumnVindex prefixVindex() {
        return prefixVindex;
    }

    private byte[] keyspaceId(byte[] value, boolean prefix) {
        if (componentHash == null) {
            return value;
        }
        int lastOffset = offsets[offsets.length - 1];
        if (!prefix && value.length < lastOffset) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "insufficient size for cfc vindex %s. need %d, got %d", name(), lastOffset, value.length);
        }
        ByteArrayOutputStream keyspaceId = new ByteArrayOutputStream(value.length);
        int start = 0;
        for (int offset : offsets) {
            // A LIKE prefix only pins the components it covers completely.
            if (value.length < offset) {
                return keyspaceId.toByteArray();
            }
            appendComponent(keyspaceId, value, start, offset);
            start = offset;
        }
        if (!prefix && start < value.length) {
            appendComponent(keyspaceId, value, start, value.length);
        }
        return keyspaceId.toByteArray();
    }

    private void appendComponent(ByteArrayOutputStream keyspaceId, byte[] value, int start, int end) {
        byte[] digest = componentHash.apply(java.util.Arrays.copyOfRange(value, start, end));
        keyspaceId.write(digest, 0, Math.min(end - start, digest.length));
    }

    private static int[] offsets(VindexParams params) {
        String text = params.value("offsets").orElse("");
        if (text.isEmpty()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "CFC vindex requires offsets when hash is defined");
        }
        int[] offsets;
        try {
            offsets = JSON.readValue(text, int[].class);
        } catch (JsonProcessingException malformed) {
            offsets = null;
        }
        if (offsets == null || !strictlyIncreasingPositive(offsets)) {
            throw VtException.of(VtCode.INVALID_ARGUMENT,
                    "Invalid offsets %s for CFC vindex %s. expected sorted positive ints in brackets, e.g. [2, 4, 8]", text, params.name());
        }
        return offsets;
    }

    private static boolean strictlyIncreasingPositive(int[] offsets) {
        if (offsets.length == 0 || offsets[0] <= 0) {
            return false;
        }
        for (int index = 1; index < offsets.length; index++) {
            if (offsets[index] <= offsets[index - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The literal part of a LIKE pattern: up to the first unescaped {@code %} or {@code _}, escapes removed. */
    static byte[] likePrefix(byte[] pattern) {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream(pattern.length);
        for (int index = 0; index < pattern.length; index++) {
            byte current = pattern[index];
            if (current == '%' || current == '_') {
                break;
            }
            if (current == '\\' && index + 1 < pattern.length) {
                index++;
                current = pattern[index];
            }
            prefix.write(current);
        }
        return prefix.toByteArray();
    }

    /** The LIKE companion: maps a pattern to the key range of its literal prefix; not unique. */
    private final class PrefixVindex extends AbstractVindex implements SingleColumnVindex {

        PrefixVindex(VindexParams params) {
            super(params, PARAMS);
        }

        @Override
        public int cost() {
            return offsets.length > 0 ? offsets.length : 2;
        }

        @Override
        public boolean isUnique() {
            return false;
        }

        @Override
        public List<Destination> map(LookupContext context, List<SqlValue> ids) {
            List<Destination> destinations = new ArrayList<>(ids.size());
            for (SqlValue id : ids) {
                byte[] prefix = keyspaceId(likePrefix(ValueConversions.toBytes(id)), true);
                destinations.add(new Destination.Range(KeyRanges.fromPrefix(prefix)));
            }
            return destinations;
        }

        @Override
        public List<Boolean> verify(LookupContext context, List<SqlValue> ids, List<byte[]> keyspaceIds) {
            throw VtException.of(VtCode.UNIMPLEMENTED, "cfc prefix vindex %s cannot verify keyspace ids", name());
        }
    }
}
