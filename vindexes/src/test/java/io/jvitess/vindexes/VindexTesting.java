package io.jvitess.vindexes;

import io.jvitess.common.key.Destination;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Shared helpers: build vindexes through the registry and read destinations as text. */
final class VindexTesting {

    static final HexFormat HEX = HexFormat.of();

    private VindexTesting() {
    }

    static SingleColumnVindex single(String type) {
        return single(type, Map.of());
    }

    static SingleColumnVindex single(String type, Map<String, String> params) {
        return (SingleColumnVindex) VindexRegistry.standard().create(type, type, params);
    }

    static MultiColumnVindex multi(String type, Map<String, String> params) {
        return (MultiColumnVindex) VindexRegistry.standard().create(type, type, params);
    }

    /** A value from a compact spelling: {@code null}, {@code int:-1}, {@code uint:5}, {@code float:1.1}, {@code hexnum:0x8a}, else VARCHAR. */
    static SqlValue value(String spelling) {
        if (spelling == null || spelling.equals("null")) {
            return SqlValue.NULL;
        }
        int colon = spelling.indexOf(':');
        if (colon < 0) {
            return SqlValue.ofString(spelling);
        }
        String text = spelling.substring(colon + 1);
        return switch (spelling.substring(0, colon)) {
            case "int" -> SqlValue.of(Type.INT64, text);
            case "int32" -> SqlValue.of(Type.INT32, text);
            case "uint" -> SqlValue.of(Type.UINT64, text);
            case "float" -> SqlValue.of(Type.FLOAT64, text);
            case "hexnum" -> SqlValue.of(Type.HEXNUM, text);
            case "hexval" -> SqlValue.of(Type.HEXVAL, text);
            case "bitnum" -> SqlValue.of(Type.BITNUM, text);
            case "varbinary" -> SqlValue.of(Type.VARBINARY, text);
            default -> throw new IllegalArgumentException("unknown spelling " + spelling);
        };
    }

    /** The keyspace id hex of a KeyspaceId destination, {@code none} for None, else its description. */
    static String text(Destination destination) {
        return switch (destination) {
            case Destination.KeyspaceId keyspaceId -> HEX.formatHex(keyspaceId.id());
            case Destination.None none -> "none";
            case Destination.Range range -> "range " + KeyRanges.format(range.keyRange());
            default -> destination.describe();
        };
    }

    static String mapOne(SingleColumnVindex vindex, SqlValue value) {
        return text(vindex.map(null, List.of(value)).getFirst());
    }
}
