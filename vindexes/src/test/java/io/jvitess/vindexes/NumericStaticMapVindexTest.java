package io.jvitess.vindexes;

import io.jvitess.common.errors.VtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.jvitess.vindexes.VindexTesting.mapOne;
import static io.jvitess.vindexes.VindexTesting.single;
import static io.jvitess.vindexes.VindexTesting.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumericStaticMapVindexTest {

    private static final String FALLBACK_MAP = "{\"1\":2,\"3\":4,\"4\":5,\"5\":6,\"6\":7,\"7\":8,\"8\":9,\"10\":18446744073709551615}";

    @TempDir
    static Path directory;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int:1|0000000000000001",
            "int:2|0000000000000002",
            "int:3|0000000000000002",
            "int:4|0000000000000004",
            "int:5|0000000000000005",
            "int:6|0000000000000006",
            "int:7|0000000000000007",
            "int:8|0000000000000008",
            "float:1.1|none",
            "null|none",
    })
    void mapsThroughTheVitessTestFile(String input, String expected) throws IOException {
        assertThat(mapOne(single("numeric_static_map", Map.of("json_path", testFile().toString())), value(input))).isEqualTo(expected);
        assertThat(mapOne(single("numeric_static_map", Map.of("json", "{\"1\":1,\"3\":2}")), value(input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int:1|0000000000000002",
            "int:2|8b59801662b52160",
            "int:3|0000000000000004",
            "int:9|9a02ee413eed351d",
            "test1|none",
            "int:10|ffffffffffffffff",
    })
    void fallsBackToAnotherHashingVindex(String input, String expected) {
        SingleColumnVindex vindex = single("numeric_static_map", Map.of("json", FALLBACK_MAP, "fallback_type", "xxhash"));
        assertThat(mapOne(vindex, value(input))).isEqualTo(expected);
    }

    @Test
    void verifiesAndReportsItsShape() {
        SingleColumnVindex vindex = single("numeric_static_map", Map.of("json", "{\"1\":1,\"3\":2}", "extra", "x"));
        assertThat(vindex.verify(null, List.of(value("int:3"), value("int:3")),
                List.of(VindexTesting.HEX.parseHex("0000000000000002"), VindexTesting.HEX.parseHex("0000000000000003"))))
                .containsExactly(true, false);
        assertThat(vindex.cost()).isEqualTo(1);
        assertThat(vindex.isUnique()).isTrue();
        assertThat(vindex).isNotInstanceOf(Reversible.class);
        assertThat(vindex.unknownParams()).containsExactly("extra");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|''|NumericStaticMap: Could not find either `json_path` or `json` params in vschema",
            "{}|/nonexistent|NumericStaticMap: Found both `json` and `json_path` params in vschema",
            "{\"a\":1}||strconv.ParseUint: parsing \"a\": invalid syntax",
            "{\"18446744073709551616\":1}||strconv.ParseUint: parsing \"18446744073709551616\": value out of range",
            "{\"1\":-1}||json: cannot unmarshal -1 into Go value of type uint64",
            "||open /nonexistent/map.json: no such file or directory",
    })
    void rejectsBadParams(String json, String jsonPath, String message) {
        Map<String, String> params = new java.util.HashMap<>();
        if (json != null && !json.isEmpty()) {
            params.put("json", json);
        }
        if (jsonPath != null && !jsonPath.isEmpty()) {
            params.put("json_path", jsonPath);
        }
        if (json == null && jsonPath == null) {
            params.put("json_path", "/nonexistent/map.json");
        }
        assertThatThrownBy(() -> single("numeric_static_map", params)).isInstanceOf(VtException.class).hasMessage(message);
    }

    @Test
    void rejectsUnknownOrNonHashingFallbacks() {
        assertThatThrownBy(() -> single("numeric_static_map", Map.of("json", "{}", "fallback_type", "nope")))
                .hasMessage("vindexType \"nope\" not found");
        assertThatThrownBy(() -> single("numeric_static_map", Map.of("json", "{}", "fallback_type", "lookup")))
                .hasMessage("NumericStaticMap: fallback_type \"lookup\" does not support hashing");
    }

    private static Path testFile() throws IOException {
        Path file = directory.resolve("numeric_static_map_test.json");
        if (!Files.exists(file)) {
            try (InputStream resource = NumericStaticMapVindexTest.class.getResourceAsStream("numeric_static_map_test.json")) {
                Files.copy(resource, file);
            }
        }
        return file;
    }
}
