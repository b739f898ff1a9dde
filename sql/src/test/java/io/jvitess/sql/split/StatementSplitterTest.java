package io.jvitess.sql.split;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StatementSplitterTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("select 1", List.of("select 1")),
                arguments("  select 1 ;  ", List.of("select 1")),
                arguments("select 1; select 2", List.of("select 1", "select 2")),
                arguments("select 1;select 2;", List.of("select 1", "select 2")),
                arguments("", List.of()),
                arguments("   \n\t ", List.of()),
                arguments(";;  ; ", List.of()),
                arguments("select 1;; ;select 2", List.of("select 1", "select 2")),
                // quotes hide semicolons
                arguments("select 'a;b'; select 2", List.of("select 'a;b'", "select 2")),
                arguments("select \"a;b\"; select 2", List.of("select \"a;b\"", "select 2")),
                arguments("select `a;b` from t; select 2", List.of("select `a;b` from t", "select 2")),
                // escapes inside quotes
                arguments("select 'it\\'s;'; select 2", List.of("select 'it\\'s;'", "select 2")),
                arguments("select 'it''s;'; select 2", List.of("select 'it''s;'", "select 2")),
                arguments("select \"say \\\";\\\"\"; select 2", List.of("select \"say \\\";\\\"\"", "select 2")),
                arguments("select 'a\\\\'; select 2", List.of("select 'a\\\\'", "select 2")),
                arguments("select `a``;b`; select 2", List.of("select `a``;b`", "select 2")),
                // comments hide semicolons and stay with their statement
                arguments("select 1 -- one; two\n; select 2", List.of("select 1 -- one; two", "select 2")),
                arguments("select 1 # one; two\n; select 2", List.of("select 1 # one; two", "select 2")),
                arguments("select 1 /* a; b */; select 2", List.of("select 1 /* a; b */", "select 2")),
                arguments("select /*vt+ QUERY_TIMEOUT_MS=10 */ 1; select 2", List.of("select /*vt+ QUERY_TIMEOUT_MS=10 */ 1", "select 2")),
                arguments("/* leading */ select 1; select 2", List.of("/* leading */ select 1", "select 2")),
                // -- needs whitespace after it to be a comment
                arguments("select 1--1; select 2", List.of("select 1--1", "select 2")),
                arguments("select 1 --\n; select 2", List.of("select 1 --", "select 2")),
                // comment-only pieces are not statements, executable comments are
                arguments("select 1; -- done", List.of("select 1")),
                arguments("select 1; /* done */ ;", List.of("select 1")),
                arguments("/* only a comment */", List.of()),
                arguments("# only a comment", List.of()),
                arguments("/*!40101 SET NAMES utf8 */;", List.of("/*!40101 SET NAMES utf8 */")),
                // unterminated quotes and comments swallow the rest instead of failing
                arguments("select 'abc; select 2", List.of("select 'abc; select 2")),
                arguments("select 1 /* abc; select 2", List.of("select 1 /* abc; select 2")),
                arguments("select 1; select 'x", List.of("select 1", "select 'x")),
                arguments("insert into t values (1, ';'), (2, \"\\\\\");update t set a = 1",
                        List.of("insert into t values (1, ';'), (2, \"\\\\\")", "update t set a = 1")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void splits(String sql, List<String> expected) {
        assertThat(StatementSplitter.split(sql)).isEqualTo(expected);
    }

    @Test
    void splitsAScriptLikeMysqldumpWrites() {
        String script = """
                -- MySQL dump 10.13
                /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
                /*!40101 SET NAMES utf8mb4 */;

                --
                -- Table structure for table `customer`
                --

                DROP TABLE IF EXISTS `customer`;
                CREATE TABLE `customer` (
                  `id` bigint NOT NULL,
                  `email` varchar(128) DEFAULT ';',
                  PRIMARY KEY (`id`)
                ) ENGINE=InnoDB COMMENT='customers; all of them';
                INSERT INTO `customer` VALUES (1,'a@b.c'),(2,'it\\'s; fine');
                """;

        assertThat(StatementSplitter.split(script)).containsExactly(
                "-- MySQL dump 10.13\n/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
                "/*!40101 SET NAMES utf8mb4 */",
                "--\n-- Table structure for table `customer`\n--\n\nDROP TABLE IF EXISTS `customer`",
                "CREATE TABLE `customer` (\n  `id` bigint NOT NULL,\n  `email` varchar(128) DEFAULT ';',\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB COMMENT='customers; all of them'",
                "INSERT INTO `customer` VALUES (1,'a@b.c'),(2,'it\\'s; fine')");
    }

    @Test
    void rejectsNull() {
        assertThatNullPointerException().isThrownBy(() -> StatementSplitter.split(null));
    }
}
