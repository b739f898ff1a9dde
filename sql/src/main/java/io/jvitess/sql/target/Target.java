package io.jvitess.sql.target;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.topoproto.TabletTypes;
import io.jvitess.proto.topodata.KeyRange;
import io.jvitess.proto.topodata.TabletType;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Parsed target string, Vitess grammar: keyspace[:shard | /shard | [keyrange] | [hexksid]][@tablettype].
 * At most one of shard, key range and keyspace id is present. The keyspace id is copied in and out,
 * and equality compares its bytes, so the record stays a value.
 */
public record Target(String keyspace, Optional<String> shard, Optional<KeyRange> keyRange, Optional<byte[]> keyspaceId,
                     TabletType tabletType) {

    private static final HexFormat HEX = HexFormat.of();

    public Target {
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(shard, "shard is null");
        requireNonNull(keyRange, "keyRange is null");
        requireNonNull(keyspaceId, "keyspaceId is null");
        requireNonNull(tabletType, "tabletType is null");
        if (shard.isPresent() && keyRange.isPresent() || shard.isPresent() && keyspaceId.isPresent()
                || keyRange.isPresent() && keyspaceId.isPresent()) {
            throw new IllegalArgumentException("a target names at most one of shard, key range and keyspace id");
        }
        keyspaceId = keyspaceId.map(byte[]::clone);
    }

    /** A whole keyspace (or no keyspace, for "") with the given tablet type. */
    public static Target of(String keyspace, TabletType tabletType) {
        return new Target(keyspace, Optional.empty(), Optional.empty(), Optional.empty(), tabletType);
    }

    /**
     * "" -> empty keyspace, PRIMARY. The '@' suffix is parsed case-insensitively (primary/master,
     * replica, rdonly/batch, ...); an unknown suffix gives TabletType.UNKNOWN, which fails later, as in
     * Vitess.
     *
     * @throws VtException INVALID_ARGUMENT (1105 HY000) for a malformed key range or keyspace id
     */
    public static Target parse(String text) {
        requireNonNull(text, "text is null");
        String rest = text;
        TabletType tabletType = TabletType.PRIMARY;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            tabletType = parseTabletType(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        Optional<String> shard = Optional.empty();
        int separator = Math.max(rest.lastIndexOf('/'), rest.lastIndexOf(':'));
        if (separator >= 0) {
            shard = Optional.of(rest.substring(separator + 1));
            rest = rest.substring(0, separator);
        }
        Optional<KeyRange> keyRange = Optional.empty();
        Optional<byte[]> keyspaceId = Optional.empty();
        int open = rest.lastIndexOf('[');
        if (open >= 0) {
            int close = rest.lastIndexOf(']');
            if (close < 0) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid key range provided. Couldn't find range end ']'");
            }
            if (close < open) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid key range provided: '%s'", text);
            }
            String rangeOrId = rest.substring(open + 1, close);
            // Like Vitess, a bracketed destination replaces a shard named after it.
            shard = Optional.empty();
            if (rangeOrId.contains("-")) {
                keyRange = Optional.of(parseSingleKeyRange(rangeOrId));
            } else {
                keyspaceId = Optional.of(parseKeyspaceId(rangeOrId));
            }
            rest = rest.substring(0, open);
        }
        return new Target(rest, shard, keyRange, keyspaceId, tabletType);
    }

    /** Back to text, e.g. "customer:-80@replica"; "@primary" is the default and is left out, so "" is no keyspace. */
    public String format() {
        StringBuilder text = new StringBuilder(keyspace);
        shard.ifPresent(name -> text.append(':').append(name));
        keyRange.ifPresent(range -> text.append('[').append(KeyRanges.format(range)).append(']'));
        keyspaceId.ifPresent(id -> text.append('[').append(HEX.formatHex(id)).append(']'));
        if (tabletType != TabletType.PRIMARY) {
            text.append('@').append(TabletTypes.lowerName(tabletType));
        }
        return text.toString();
    }

    @Override
    public Optional<byte[]> keyspaceId() {
        return keyspaceId.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Target that
                && keyspace.equals(that.keyspace)
                && shard.equals(that.shard)
                && keyRange.equals(that.keyRange)
                && keyspaceId.isPresent() == that.keyspaceId.isPresent()
                && Arrays.equals(keyspaceId.orElse(null), that.keyspaceId.orElse(null))
                && tabletType == that.tabletType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyspace, shard, keyRange, Arrays.hashCode(keyspaceId.orElse(null)), tabletType);
    }

    @Override
    public String toString() {
        return "Target[" + format() + "]";
    }

    private static TabletType parseTabletType(String name) {
        try {
            return TabletTypes.parse(name);
        } catch (IllegalArgumentException unknown) {
            return TabletType.UNKNOWN;
        }
    }

    /** Vitess's sharding spec restricted to one range: hex bounds, empty for the open ends. */
    private static KeyRange parseSingleKeyRange(String spec) {
        String[] bounds = spec.split("-", -1);
        if (bounds.length != 2) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "single keyrange expected in %s", spec);
        }
        byte[] start = parseHexBound(bounds[0], spec);
        byte[] end = parseHexBound(bounds[1], spec);
        if (start.length > 0 && end.length > 0 && bounds[1].compareToIgnoreCase(bounds[0]) <= 0) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "malformed spec: shard limits should be in order: \"%s\"", spec);
        }
        return KeyRange.newBuilder().setStart(ByteString.copyFrom(start)).setEnd(ByteString.copyFrom(end)).build();
    }

    private static byte[] parseHexBound(String bound, String spec) {
        try {
            return HEX.parseHex(bound);
        } catch (IllegalArgumentException notHex) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "malformed spec: invalid hex in key range \"%s\"", spec);
        }
    }

    private static byte[] parseKeyspaceId(String hex) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "expected valid hex in keyspace id %s", hex);
        }
    }
}
