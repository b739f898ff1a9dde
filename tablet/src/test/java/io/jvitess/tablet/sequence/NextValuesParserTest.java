package io.jvitess.tablet.sequence;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NextValuesParserTest {

    private static final Map<String, BindVariable> NO_BIND_VARIABLES = Map.of();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "select next value from user_seq                     | user_seq | 1",
            "SELECT NEXT VALUE FOR user_seq                      | user_seq | 1",
            "select next 3 values from user_seq                  | user_seq | 3",
            "select /* c */ next 1000 values from `user_seq`;    | user_seq | 1000",
            "select next 3 values from commerce.user_seq         | user_seq | 3",
    })
    void recognizesLiteralForms(String sql, String table, long count) {
        NextValuesRequest request = NextValuesParser.parse(sql, NO_BIND_VARIABLES).orElseThrow();
        assertThat(request.table()).isEqualTo(table);
        assertThat(request.count()).isEqualTo(count);
    }

    @Test
    void keepsTheQualifierForMessages() {
        NextValuesRequest request = NextValuesParser.parse("select next 2 values from commerce.user_seq", NO_BIND_VARIABLES).orElseThrow();
        assertThat(request.qualifier()).contains("commerce");
        assertThat(request.displayName()).isEqualTo("commerce.user_seq");
    }

    @Test
    void substitutesTheCountBindVariableVtgateSends() {
        Optional<NextValuesRequest> request = NextValuesParser.parse("select next :n /* INT64 */ values from user_seq",
                Map.of("n", bind(Type.INT64, "7")));
        assertThat(request).contains(new NextValuesRequest(Optional.empty(), "user_seq", 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select * from user_seq",
            "select next_id, cache from user_seq where id = 0",
            "select next from t",
            "select next, other from t",
            "insert into t values (1)",
            "select 1",
            "",
    })
    void leavesOtherStatementsAlone(String sql) {
        assertThat(NextValuesParser.parse(sql, NO_BIND_VARIABLES)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "select next 0 values from s     | invalid increment for sequence s: INT64(0)",
            "select next 2.5 values from s   | invalid increment for sequence s: DECIMAL(2.5)",
            "select next 1e2 values from s   | invalid increment for sequence s: FLOAT64(1e2)",
            "select next 18446744073709551615 values from ks.s | invalid increment for sequence ks.s: UINT64(18446744073709551615)",
    })
    void rejectsCountsVitessRejects(String sql, String message) {
        assertThatThrownBy(() -> NextValuesParser.parse(sql, NO_BIND_VARIABLES))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.code()).isEqualTo(VtCode.INVALID_ARGUMENT);
                    assertThat(error.getMessage()).isEqualTo(message);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INT64   | -1  | invalid increment for sequence s: INT64(-1)",
            "VARCHAR | 3   | invalid increment for sequence s: VARCHAR(\"3\")",
            "FLOAT64 | 3   | invalid increment for sequence s: FLOAT64(3)",
            "UINT64  | 0   | invalid increment for sequence s: UINT64(0)",
    })
    void rejectsBindVariableCountsVitessRejects(Type type, String value, String message) {
        assertThatThrownBy(() -> NextValuesParser.parse("select next :n values from s", Map.of("n", bind(type, value))))
                .hasMessage(message);
    }

    @Test
    void acceptsAnyIntegralBindVariableType() {
        assertThat(NextValuesParser.parse("select next :n values from s", Map.of("n", bind(Type.UINT32, "4"))))
                .map(NextValuesRequest::count).contains(4L);
    }

    @Test
    void reportsAMissingBindVariable() {
        assertThatThrownBy(() -> NextValuesParser.parse("select next :n values from s", NO_BIND_VARIABLES))
                .isInstanceOf(VtException.class)
                .hasMessage("missing bind var n");
    }

    @Test
    void reportsSyntaxErrorsAfterTheCount() {
        assertThatThrownBy(() -> NextValuesParser.parse("select next 3 values from s where x", NO_BIND_VARIABLES))
                .isInstanceOfSatisfying(VtException.class, error -> assertThat(error.errno()).isEqualTo(1064));
    }

    @Test
    void describesValuesLikeGoSqltypes() {
        assertThat(NextValuesParser.describe(io.jvitess.common.sqltypes.SqlValue.NULL)).isEqualTo("NULL");
        assertThat(NextValuesParser.describe(io.jvitess.common.sqltypes.SqlValue.ofString("a\"b"))).isEqualTo("VARCHAR(\"a\\\"b\")");
    }

    private static BindVariable bind(Type type, String value) {
        return BindVariable.newBuilder().setType(type).setValue(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }
}
