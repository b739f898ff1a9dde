package io.jvitess.vindexes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code numeric_static_map}: a fixed number-to-number table (param {@code json}, or a file named by
 * {@code json_path}); numbers not in it use {@code fallback_type}'s hash, or map to themselves.
 */
final class NumericStaticMapVindex extends FunctionalVindex {

    private static final Set<String> PARAMS = Set.of("json", "json_path", "fallback_type");
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, Long> table;
    private final Hashing fallback;

    NumericStaticMapVindex(VindexParams params, VindexRegistry registry) {
        super(params, PARAMS, 1, true);
        boolean inline = params.has("json");
        boolean file = params.has("json_path");
        if (!inline && !file) {
            throw invalid("NumericStaticMap: Could not find either `json_path` or `json` params in vschema");
        }
        if (inline && file) {
            throw invalid("NumericStaticMap: Found both `json` and `json_path` params in vschema");
        }
        this.table = parseTable(inline ? params.values().get("json") : readFile(params.values().get("json_path")));
        this.fallback = params.value("fallback_type").map(type -> fallback(registry, type, params.name())).orElse(null);
    }

    @Override
    public byte[] hash(SqlValue value) {
        long number = ValueConversions.toCastUint64(value);
        Long mapped = table.get(number);
        if (mapped != null) {
            return NumericVindex.bigEndian(mapped);
        }
        return fallback != null ? fallback.hash(value) : NumericVindex.bigEndian(number);
    }

    private static Hashing fallback(VindexRegistry registry, String type, String name) {
        Vindex vindex = registry.create(type, name + "_hash", Map.of());
        if (!(vindex instanceof Hashing hashing)) {
            throw invalid("NumericStaticMap: fallback_type %s does not support hashing", GoText.quote(type));
        }
        return hashing;
    }

    private static String readFile(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (NoSuchFileException missing) {
            throw invalid("open %s: no such file or directory", path);
        } catch (IOException unreadable) {
            throw invalid("open %s: %s", path, unreadable.getMessage());
        }
    }

    private static Map<Long, Long> parseTable(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException malformed) {
            throw invalid("invalid numeric_static_map json: %s", malformed.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("json: cannot unmarshal %s into Go value of type map[string]uint64", root == null ? "nothing" : root.getNodeType().name().toLowerCase());
        }
        Map<Long, Long> table = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            table.put(parseKey(field.getKey()), parseValue(field.getValue()));
        }
        return Map.copyOf(table);
    }

    /** Keys go through Go's strconv.ParseUint, hence its error texts. */
    private static long parseKey(String key) {
        if (key.isEmpty() || !key.chars().allMatch(character -> character >= '0' && character <= '9')) {
            throw invalid("strconv.ParseUint: parsing %s: invalid syntax", GoText.quote(key));
        }
        BigInteger number = new BigInteger(key);
        if (number.compareTo(MAX_UINT64) > 0) {
            throw invalid("strconv.ParseUint: parsing %s: value out of range", GoText.quote(key));
        }
        return number.longValue();
    }

    private static long parseValue(JsonNode value) {
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0 || value.bigIntegerValue().compareTo(MAX_UINT64) > 0) {
            throw invalid("json: cannot unmarshal %s into Go value of type uint64", value.toString());
        }
        return value.bigIntegerValue().longValue();
    }

    private static VtException invalid(String format, Object... arguments) {
        return VtException.of(VtCode.INVALID_ARGUMENT, format, arguments);
    }
}
