package io.jvitess.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({"5s, 5000", "500ms, 500", "1m30s, 90000", "2h, 7200000", "0, 0", "1.5s, 1500"})
    void parsesGoDurations(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "s", "5x", "5s junk", "-5s"})
    void rejectsOtherText(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
