package io.jvitess.gateway.server.prepared;

import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceholderQueryTest {

    @Test
    void placeholdersInStringsIdentifiersAndCommentsDoNotCount() {
        Map<String, Integer> counts = Map.of(
                "select 1", 0,
                "select ?", 1,
                "select * from t where a = ? and b = '?' and `c?` = ? and d = \"?\"", 2,
                "select ? -- ?\n, ? # ?\n, ? /* ? */", 3,
                "insert into t values (?,?,?),(?,?,?)", 6,
                "select 'it''s ?', ?", 1);
        counts.forEach((sql, count) -> assertThat(PlaceholderQuery.parse(sql).parameterCount()).as(sql).isEqualTo(count));
    }

    @Test
    void valuesBecomeSqlLiterals() {
        PlaceholderQuery query = PlaceholderQuery.parse("select * from t where a = ? and b = '?' and c in (?, ?, ?) limit ?");
        String sql = query.render(List.of(SqlValue.ofLong(-5), SqlValue.ofString("it's"), SqlValue.NULL,
                SqlValue.ofBytes(new byte[] {0, 1}), SqlValue.ofUnsignedLong(10)));
        assertThat(sql).isEqualTo("select * from t where a = -5 and b = '?' and c in ('it\\'s', null, x'0001') limit 10");
    }

    @Test
    void typedValuesAreQuotedOrCheckedAsNumbers() {
        Map<SqlValue, String> literals = Map.of(
                SqlValue.of(Type.DECIMAL, "-12.50"), "-12.50",
                SqlValue.of(Type.DECIMAL, "1 or 1=1"), "'1 or 1=1'",
                SqlValue.of(Type.FLOAT64, "1.0E-5"), "1.0E-5",
                SqlValue.of(Type.DATETIME, "2024-02-29 13:14:15.000123"), "'2024-02-29 13:14:15.000123'",
                SqlValue.of(Type.TIME, "-838:59:59"), "'-838:59:59'",
                SqlValue.ofBytes("text".getBytes()), "_binary'text'",
                SqlValue.ofString("back\\slash"), "'back\\\\slash'");
        literals.forEach((value, literal) -> assertThat(PlaceholderQuery.parse("?").render(List.of(value))).as(value.toString())
                .isEqualTo(literal));
    }

    @Test
    void aNegativeNumberAfterAMinusDoesNotStartAComment() {
        assertThat(PlaceholderQuery.parse("select 1-?").render(List.of(SqlValue.ofLong(-5)))).isEqualTo("select 1- -5");
    }

    @Test
    void wrongValueCountsAndNonFiniteFloatsAreRefused() {
        assertThatThrownBy(() -> PlaceholderQuery.parse("select ?, ?").render(List.of(SqlValue.ofLong(1))))
                .isInstanceOfSatisfying(VtException.class, error -> assertThat(error.errno()).isEqualTo(1210))
                .hasMessageContaining("1 values for 2 parameters");
        for (String text : List.of("NaN", "Infinity", "-Infinity")) {
            assertThatThrownBy(() -> PlaceholderQuery.parse("select ?").render(List.of(SqlValue.of(Type.FLOAT64, text))))
                    .isInstanceOfSatisfying(VtException.class, error -> assertThat(error.errno()).isEqualTo(1210));
        }
    }
}
