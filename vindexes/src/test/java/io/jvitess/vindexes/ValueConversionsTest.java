package io.jvitess.vindexes;

import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueConversionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|1",
            "' 42\t'|42",
            "18446744073709551615|18446744073709551615",
            "007|7",
    })
    void castsToUint64(String text, String expected) {
        assertThat(Long.toUnsignedString(ValueConversions.toCastUint64(SqlValue.ofString(text)))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|cannot parse uint64 from empty string",
            "aa|cannot parse uint64 from \"aa\"",
            "-1|cannot parse uint64 from \"-1\"",
            "'   '|cannot parse uint64 from \"   \"",
            "1.1|unparsed tail left after parsing uint64 from \"1.1\": \".1\"",
            "'1 2'|unparsed tail left after parsing uint64 from \"1 2\": \"2\"",
            "18446744073709551616|cannot parse uint64 from \"18446744073709551616\": overflow",
            "99999999999999999999|cannot parse uint64 from \"99999999999999999999\": overflow",
    })
    void rejectsWhatFastparseRejects(String text, String message) {
        assertThatThrownBy(() -> ValueConversions.toCastUint64(SqlValue.ofString(text))).isInstanceOf(VtException.class).hasMessage(message);
    }

    @Test
    void hashNumberReinterpretsSignedValues() {
        assertThat(ValueConversions.toHashNumber(SqlValue.of(Type.INT64, "-1"))).isEqualTo(-1L);
        assertThat(ValueConversions.toHashNumber(SqlValue.of(Type.UINT64, "18446744073709551615"))).isEqualTo(-1L);
        assertThatThrownBy(() -> ValueConversions.toHashNumber(SqlValue.of(Type.INT64, "x")))
                .hasMessage("strconv.ParseInt: parsing \"x\": invalid syntax");
        assertThatThrownBy(() -> ValueConversions.toHashNumber(SqlValue.ofString("-1"))).hasMessage("cannot parse uint64 from \"-1\"");
    }

    @Test
    void quotesLikeGo() {
        assertThat(GoText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoText.quote("tab\there\n")).isEqualTo("\"tab\\there\\n\"");
        assertThat(GoText.quote("é\u00a0\u0001")).isEqualTo("\"é\\u00a0\\x01\"");
        assertThat(GoText.quote(new byte[] {(byte) 0xc3})).isEqualTo("\"\\xc3\"");
        assertThat(GoText.describe(SqlValue.ofLong(5))).isEqualTo("INT64(5)");
        assertThat(GoText.describe(SqlValue.ofString("x"))).isEqualTo("VARCHAR(\"x\")");
        assertThat(GoText.describe(SqlValue.NULL)).isEqualTo("NULL");
    }
}
