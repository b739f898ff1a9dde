package io.jvitess.sql.vitess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DirectivesTest {

    static Stream<Arguments> directives() {
        return Stream.of(
                arguments("select 1", Map.of()),
                arguments("select /*vt+ QUERY_TIMEOUT_MS=10 */ 1", Map.of("QUERY_TIMEOUT_MS", "10")),
                arguments("/*vt+ PLANNER=gen4 */ select 1", Map.of("PLANNER", "gen4")),
                arguments("insert /*vt+ MULTI_SHARD_AUTOCOMMIT=1 SKIP_QUERY_PLAN_CACHE */ into t values (1)",
                        Map.of("MULTI_SHARD_AUTOCOMMIT", "1", "SKIP_QUERY_PLAN_CACHE", "true")),
                arguments("update /*vt+ scatter_errors_as_warnings */ t set a = 1", Map.of("SCATTER_ERRORS_AS_WARNINGS", "true")),
                arguments("/* plain */ /*vt+ A=1 */ delete /*vt+ B='x y' C=\"z\" */ from t", Map.of("A", "1", "B", "x y", "C", "z")),
                arguments("(select /*vt+ A=1 */ 1) union (select 2)", Map.of("A", "1")),
                arguments("select /*vt+ A=1 */ /*vt+ A=2 */ 1", Map.of("A", "2")),
                // only the start of the statement counts
                arguments("select 1 from t /*vt+ A=1 */", Map.of()),
                arguments("select a, /*vt+ A=1 */ b from t", Map.of()),
                arguments("select '/*vt+ A=1 */'", Map.of()),
                arguments("select /* vt+ A=1 */ 1", Map.of()),
                arguments("select /*vt+ A=1 1", Map.of()),
                arguments("select /*vt+ */ 1", Map.of()));
    }

    @ParameterizedTest
    @MethodSource("directives")
    void parses(String sql, Map<String, String> expected) {
        assertThat(Directives.parse(sql).values()).isEqualTo(expected);
    }

    @Test
    void looksKeysUpCaseInsensitively() {
        Directives directives = Directives.parse("select /*vt+ QUERY_TIMEOUT_MS=10 ALLOW_SCATTER IGNORE_MAX_MEMORY_ROWS=0 */ 1");

        assertThat(directives.get("query_timeout_ms")).contains("10");
        assertThat(directives.get("MISSING")).isEmpty();
        assertThat(directives.isSet("allow_scatter")).isTrue();
        assertThat(directives.isSet("IGNORE_MAX_MEMORY_ROWS")).isFalse();
        assertThat(directives.isSet("QUERY_TIMEOUT_MS")).isFalse();
        assertThat(directives.isSet("MISSING")).isFalse();
    }

    @Test
    void upperCasesKeysGivenDirectly() {
        assertThat(new Directives(Map.of("a", "1")).values()).containsExactly(Map.entry("A", "1"));
    }
}
