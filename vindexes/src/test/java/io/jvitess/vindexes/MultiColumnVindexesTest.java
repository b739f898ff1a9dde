package io.jvitess.vindexes;

import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.jvitess.vindexes.VindexTesting.HEX;
import static io.jvitess.vindexes.VindexTesting.multi;
import static io.jvitess.vindexes.VindexTesting.text;
import static io.jvitess.vindexes.VindexTesting.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultiColumnVindexesTest {

    private static final MultiColumnVindex MULTICOL = multi("multicol", Map.of("column_count", "3"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int:1,int:1,int:1|166b40166b40166b",
            "int:255,int:1,int:1|254e88166b40166b",
            "int:256,int:1,int:1|dd7c0b166b40166b",
            "int:1|range 166b40-166b41",
            "int:1,int:1|range 166b40166b40-166b40166b41",
            "aa,int:1,int:1|none",
            "int:1,float:1.5|none",
    })
    void multicolConcatenatesColumnHashPrefixes(String row, String expected) {
        assertThat(text(MULTICOL.map(null, List.of(row(row))).getFirst())).isEqualTo(expected);
    }

    @Test
    void multicolMapsAnEmptyRowEverywhereAndVerifies() {
        assertThat(MULTICOL.map(null, List.of(List.of())).getFirst()).isEqualTo(new Destination.AllShards());
        assertThat(MULTICOL.verify(null, List.of(row("int:1,int:1,int:1"), row("int:1,int:1,int:2")),
                List.of(HEX.parseHex("166b40166b40166b"), HEX.parseHex("166b40166b40166b")))).containsExactly(true, false);
        assertThat(text(MULTICOL.map(null, List.of(row("int:1,int:1,int:1,int:1"))).getFirst())).isEqualTo("none");
        assertThatThrownBy(() -> MULTICOL.verify(null, List.of(row("int:1,int:1,int:1,int:1")), List.of(new byte[8])))
                .isInstanceOf(VtException.class).hasMessage("[BUG] wrong number of column values were passed: expected 3, got 4");
        assertThat(MULTICOL.cost()).isEqualTo(3);
        assertThat(MULTICOL.partialVindex()).isTrue();
        assertThat(MULTICOL.isUnique()).isTrue();
        assertThat(MULTICOL.needsLookup()).isFalse();
    }

    @Test
    void multicolUsesTheConfiguredColumnVindexesAndBytes() {
        MultiColumnVindex vindex = multi("multicol", Map.of("column_count", "2", "column_vindex", "xxhash,reverse_bits", "column_bytes", "2,6"));
        // xxhash(1) = d46405367612b4b7, reverse_bits(3) = c000000000000000
        assertThat(text(vindex.map(null, List.of(row("int:1,int:3"))).getFirst())).isEqualTo("d464c00000000000");
        assertThat(vindex.cost()).isEqualTo(2);
        MultiColumnVindex shortHashes = multi("multicol", Map.of("column_count", "2", "column_vindex", "null,hash"));
        // null's 1-byte hash is zero-padded to its 4-byte slot.
        assertThat(text(shortHashes.map(null, List.of(row("int:1,int:1"))).getFirst())).isEqualTo("00000000166b40b4");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|''|8",
            "2|''|4,4",
            "3|''|3,3,2",
            "4|''|2,2,2,2",
            "5|''|2,2,2,1,1",
            "8|''|1,1,1,1,1,1,1,1",
            "3|1|1,4,3",
            "3|,1|4,1,3",
            "3|1,1,6|1,1,6",
            "2|,6|2,6",
    })
    void assignsColumnBytesLeftToRight(int columns, String spec, String expected) {
        assertThat(Arrays.stream(MulticolVindex.columnBytes(spec, columns)).mapToObj(Integer::toString).toList())
                .containsExactly(expected.split(","));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|''|''|number of columns not provided in the parameter 'column_count'",
            "0|''|''|number of columns should be between 1 and 8 in the parameter 'column_count'",
            "9|''|''|number of columns should be between 1 and 8 in the parameter 'column_count'",
            "x|''|''|strconv.Atoi: parsing \"x\": invalid syntax",
            "2|hash,hash,hash|''|number of vindex function provided are more than column count in the parameter 'column_vindex'",
            "2|''|1,2,3|number of column bytes provided are more than column count in the parameter 'column_bytes'",
            "2|''|5,4|column bytes count exceeds the keyspace id length (total bytes count cannot exceed 8 bytes) in the parameter 'column_bytes'",
            "3|''|8|column bytes count exceeds the keyspace id length (total bytes count cannot exceed 8 bytes) in the parameter 'column_bytes'",
            "2|lookup|''|multicol vindex supports vindexes that exports hashing function, are unique and are non-lookup vindex, passed vindex 'lookup' is invalid",
            "2|binary,nope|''|vindexType \"nope\" not found",
    })
    void multicolRejectsBadParams(String count, String vindexes, String bytes, String message) {
        Map<String, String> params = new java.util.HashMap<>();
        if (!count.isEmpty()) {
            params.put("column_count", count);
        }
        if (!vindexes.isEmpty()) {
            params.put("column_vindex", vindexes);
        }
        if (!bytes.isEmpty()) {
            params.put("column_bytes", bytes);
        }
        assertThatThrownBy(() -> multi("multicol", params)).isInstanceOf(VtException.class).hasMessage(message);
    }

    @Test
    void multicolPassesParamsToColumnVindexes() {
        MultiColumnVindex vindex = multi("multicol", Map.of("column_count", "2", "column_vindex", "numeric_static_map,hash",
                "json", "{\"1\":18446744073709551615}", "mystery", "x"));
        assertThat(text(vindex.map(null, List.of(row("int:1,int:1"))).getFirst())).isEqualTo("ffffffff166b40b4");
        assertThat(vindex.unknownParams()).containsExactly("mystery");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|int:1,int:1|01166b40b44aba4bd6",
            "1|int:255,int:1|ff166b40b44aba4bd6",
            "1|int:256,int:1|00166b40b44aba4bd6",
            "1|int:1|range 01-02",
            "1|int:255|range ff-",
            "2|int:1,int:1|0001166b40b44aba4bd6",
            "2|int:256,int:1|0100166b40b44aba4bd6",
            "2|int:65536,int:1|0000166b40b44aba4bd6",
            "2|int:1|range 0001-0002",
            "1|int:1,int:1,int:1|none",
            "1|aa,int:1|none",
            "1|int:1,aa|none",
    })
    void regionExperimentalPrefixesTheRegion(String regionBytes, String row, String expected) {
        MultiColumnVindex vindex = multi("region_experimental", Map.of("region_bytes", regionBytes));
        assertThat(text(vindex.map(null, List.of(row(row))).getFirst())).isEqualTo(expected);
    }

    @Test
    void regionExperimentalVerifiesAndValidates() {
        MultiColumnVindex vindex = multi("region_experimental", Map.of("region_bytes", "1"));
        assertThat(vindex.verify(null, List.of(row("int:1,int:1"), row("int:2,int:1"), row("int:1")),
                List.of(HEX.parseHex("01166b40b44aba4bd6"), HEX.parseHex("01166b40b44aba4bd6"), HEX.parseHex("01"))))
                .containsExactly(true, false, false);
        assertThat(vindex.cost()).isEqualTo(1);
        assertThat(vindex.partialVindex()).isTrue();
        assertThatThrownBy(() -> multi("region_experimental", Map.of())).hasMessage("region_experimental missing region_bytes param");
        assertThatThrownBy(() -> multi("region_experimental", Map.of("region_bytes", "3"))).hasMessage("region_bits must be 1 or 2: 3");
    }

    private static List<SqlValue> row(String spellings) {
        return Arrays.stream(spellings.split(",")).map(VindexTesting::value).toList();
    }
}
