package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VindexRegistryTest {

    private static final Map<String, Map<String, String>> REQUIRED_PARAMS = Map.of(
            "numeric_static_map", Map.of("json", "{}"),
            "multicol", Map.of("column_count", "2"),
            "region_experimental", Map.of("region_bytes", "1"),
            "lookup", Map.of("table", "t", "from", "f", "to", "k"),
            "lookup_unique", Map.of("table", "t", "from", "f", "to", "k"),
            "consistent_lookup", Map.of("table", "t", "from", "f", "to", "k"),
            "consistent_lookup_unique", Map.of("table", "t", "from", "f", "to", "k"));

    @Test
    void knowsEveryStandardType() {
        assertThat(VindexRegistry.standard().types()).containsExactly(
                "binary", "binary_md5", "cfc", "consistent_lookup", "consistent_lookup_unique", "hash", "lookup", "lookup_unique",
                "multicol", "null", "numeric", "numeric_static_map", "region_experimental", "reverse_bits", "unicode_loose_md5",
                "unicode_loose_xxhash", "xxhash");
    }

    @Test
    void rejectsUnknownTypes() {
        assertThatThrownBy(() -> VindexRegistry.standard().create("lookup_hash", "v", Map.of()))
                .isInstanceOfSatisfying(VtException.class, failure -> assertThat(failure.code()).isEqualTo(VtCode.INVALID_ARGUMENT))
                .hasMessage("vindexType \"lookup_hash\" not found");
    }

    /** Vitess's summary table: unique, cost, needs a lookup context, column shape and optional capabilities. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hash|true|1|false|single|reversible,hashing",
            "xxhash|true|1|false|single|hashing",
            "binary|true|0|false|single|reversible,hashing,sequential",
            "binary_md5|true|1|false|single|hashing",
            "numeric|true|0|false|single|reversible,hashing,sequential",
            "reverse_bits|true|1|false|single|reversible,hashing",
            "numeric_static_map|true|1|false|single|hashing",
            "null|true|100|false|single|hashing",
            "unicode_loose_md5|true|1|false|single|hashing",
            "unicode_loose_xxhash|true|1|false|single|hashing",
            "cfc|true|1|false|single|hashing,prefixable",
            "multicol|true|2|false|multi|''",
            "region_experimental|true|1|false|multi|''",
            "lookup|false|20|true|single|lookup",
            "lookup_unique|true|10|true|single|lookup",
            "consistent_lookup|false|20|true|single|lookup,owned",
            "consistent_lookup_unique|true|10|true|single|lookup,owned",
    })
    void describesEachType(String type, boolean unique, int cost, boolean needsLookup, String shape, String capabilities) {
        Vindex vindex = create(type, Map.of());
        assertThat(vindex.type()).isEqualTo(type);
        assertThat(vindex.name()).isEqualTo("my_" + type);
        assertThat(vindex.isUnique()).isEqualTo(unique);
        assertThat(vindex.cost()).isEqualTo(cost);
        assertThat(vindex.needsLookup()).isEqualTo(needsLookup);
        assertThat(vindex).isInstanceOf(shape.equals("single") ? SingleColumnVindex.class : MultiColumnVindex.class);
        assertThat(vindex instanceof Reversible).isEqualTo(capabilities.contains("reversible"));
        assertThat(vindex instanceof Hashing).isEqualTo(capabilities.contains("hashing"));
        assertThat(vindex instanceof Sequential).isEqualTo(capabilities.contains("sequential"));
        assertThat(vindex instanceof Prefixable).isEqualTo(capabilities.contains("prefixable"));
        assertThat(vindex instanceof LookupVindex).isEqualTo(capabilities.contains("lookup"));
        assertThat(vindex instanceof OwnedVindex).isEqualTo(capabilities.contains("owned"));
        assertThat(vindex.unknownParams()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hash", "xxhash", "binary", "binary_md5", "numeric", "reverse_bits", "numeric_static_map", "null", "unicode_loose_md5",
            "unicode_loose_xxhash", "cfc", "multicol", "region_experimental", "lookup", "lookup_unique", "consistent_lookup",
            "consistent_lookup_unique",
    })
    void reportsUnknownParamsSorted(String type) {
        Vindex vindex = create(type, Map.of("zeta", "1", "alpha", "2"));
        assertThat(vindex.unknownParams()).containsExactly("alpha", "zeta");
    }

    private static Vindex create(String type, Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(REQUIRED_PARAMS.getOrDefault(type, Map.of()));
        params.putAll(extra);
        return VindexRegistry.standard().create(type, "my_" + type, params);
    }
}
