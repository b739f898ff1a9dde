package io.jvitess.sql.lexer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SqlLexerTest {

    static Stream<Arguments> tokens() {
        return Stream.of(
                arguments("select a1 from `t``x`", List.of("WORD:select", "WORD:a1", "WORD:from", "QUOTED_IDENTIFIER:`t``x`")),
                arguments("'a\\'b' \"c\"\"d\"", List.of("STRING:'a\\'b'", "STRING:\"c\"\"d\"")),
                arguments("@@session.autocommit @x @`a b` @", List.of("VARIABLE:@@session.autocommit", "VARIABLE:@x", "VARIABLE:@`a b`", "VARIABLE:@")),
                arguments("1 1.5 1e3 2.5E-3 0x1F 0b101 80c0 1abc", List.of("NUMBER:1", "NUMBER:1.5", "NUMBER:1e3", "NUMBER:2.5E-3", "NUMBER:0x1F", "NUMBER:0b101", "WORD:80c0", "WORD:1abc")),
                arguments("a:=b<=>c->>'$' != d", List.of("WORD:a", "PUNCTUATION::=", "WORD:b", "PUNCTUATION:<=>", "WORD:c", "PUNCTUATION:->>", "STRING:'$'", "PUNCTUATION:!=", "WORD:d")),
                arguments("1--1 -- c\n#d\n/*e*/", List.of("NUMBER:1", "PUNCTUATION:-", "PUNCTUATION:-", "NUMBER:1", "LINE_COMMENT:-- c", "LINE_COMMENT:#d", "BLOCK_COMMENT:/*e*/")),
                arguments("ks:-80@replica", List.of("WORD:ks", "PUNCTUATION::", "PUNCTUATION:-", "NUMBER:80", "VARIABLE:@replica")),
                arguments("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("tokens")
    void tokenizes(String sql, List<String> expected) {
        assertThat(SqlLexer.tokenize(sql)).extracting(token -> token.type() + ":" + token.text()).isEqualTo(expected);
    }

    static Stream<Arguments> values() {
        return Stream.of(
                arguments("'it''s'", "it's"),
                arguments("'a\\nb\\tc\\\\d\\%'", "a\nb\tc\\d\\%"),
                arguments("\"q\\\"x\"", "q\"x"),
                arguments("`a``b`", "a`b"),
                arguments("plain", "plain"));
    }

    @ParameterizedTest
    @MethodSource("values")
    void resolvesQuotingAndEscapes(String text, String value) {
        assertThat(SqlLexer.tokenize(text)).singleElement().extracting(SqlToken::value).isEqualTo(value);
    }

    @Test
    void marksUnterminatedTokens() {
        assertThat(SqlLexer.tokenize("select 'abc")).last().satisfies(token -> {
            assertThat(token.terminated()).isFalse();
            assertThat(token.value()).isEqualTo("abc");
        });
        assertThat(SqlLexer.tokenize("select /* x")).last().extracting(SqlToken::terminated).isEqualTo(false);
    }

    @Test
    void keepsOffsets() {
        SqlToken token = SqlLexer.tokenize("  select  `x`").get(1);

        assertThat(token.start()).isEqualTo(10);
        assertThat(token.end()).isEqualTo(13);
    }
}
