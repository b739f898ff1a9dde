package io.jvitess.gateway.executor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LikePatternTest {

    @ParameterizedTest
    @CsvSource({
            "commerce, commerce, true",
            "comm%, commerce, true",
            "%merce, commerce, true",
            "c_mmerce, commerce, true",
            "COMMERCE, commerce, true",
            "cust%, commerce, false",
            "commerc, commerce, false",
            "a\\%b, a%b, true",
            "a\\%b, axb, false",
            "ks/%, ks/-80, true",
    })
    void matchesLikeMysql(String pattern, String value, boolean expected) {
        assertThat(LikePattern.matches(Optional.of(pattern), value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"anything", "''"})
    void noPatternMatchesEverything(String value) {
        assertThat(LikePattern.matches(Optional.empty(), value)).isTrue();
    }
}
