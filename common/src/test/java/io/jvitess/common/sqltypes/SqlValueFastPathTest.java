package io.jvitess.common.sqltypes;

import io.jvitess.proto.query.Type;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class SqlValueFastPathTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0", "7, 7", "-7, -7", "123456789012345678, 123456789012345678", "-123456789012345678, -123456789012345678",
            "0042, 42"})
    void smallIntegersParseFromTheBytes(String text, long expected) {
        assertThat(SqlValue.of(Type.INT64, text).longValueIfSmall()).isEqualTo(OptionalLong.of(expected));
    }

    @ParameterizedTest
    @CsvSource({"1234567890123456789", "-9223372036854775808", "18446744073709551615", "1.5", "-", "12a", "' 1'"})
    void anythingElseFallsBackToExactArithmetic(String text) {
        assertThat(SqlValue.of(Type.VARCHAR, text).longValueIfSmall()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"a, b, -1", "b, a, 1", "ab, a, 1", "a, a, 0"})
    void bytesCompareUnsigned(String left, String right, int sign) {
        assertThat(Integer.signum(SqlValue.ofString(left).compareBytes(SqlValue.ofString(right)))).isEqualTo(sign);
        assertThat(Integer.signum(SqlValue.ofBytes(new byte[] {(byte) 0xFF}).compareBytes(SqlValue.ofBytes(new byte[] {0x01})))).isEqualTo(1);
    }
}
