package io.jvitess.gateway.evaluation;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationTest {

    private static SqlValue value(String typeAndText) {
        int colon = typeAndText.indexOf(':');
        return SqlValue.of(Type.valueOf(typeAndText.substring(0, colon)), typeAndText.substring(colon + 1));
    }

    @ParameterizedTest
    @CsvSource({
            "INT64:10, INT64:9, 1",
            "INT64:-1, UINT64:18446744073709551615, -1",
            "DECIMAL:1.50, INT64:1, 1",
            "DECIMAL:2.0, INT64:2, 0",
            "VARCHAR:10, INT64:9, 1",
            "VARCHAR:abc, VARCHAR:ABC, 0",
            "VARCHAR:a, VARCHAR:B, -1",
            "VARCHAR:é, VARCHAR:E, 0",
            "VARBINARY:a, VARBINARY:B, 1",
            "FLOAT64:1.5, DECIMAL:1.5, 0",
            "DATETIME:2020-01-02 00:00:00, DATETIME:2020-01-10 00:00:00, -1"})
    void comparesLikeMysql(String left, String right, int expected) {
        assertThat(Integer.signum(Comparisons.compare(value(left), value(right), Collation.CASE_INSENSITIVE))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "ADD, INT64:2, INT64:3, INT64:5",
            "ADD, INT64:9223372036854775807, INT64:1, DECIMAL:9223372036854775808",
            "SUBTRACT, UINT64:5, INT64:2, UINT64:3",
            "MULTIPLY, DECIMAL:1.5, INT64:2, DECIMAL:3.0",
            "DIVIDE, INT64:7, INT64:2, DECIMAL:3.5000",
            "DIVIDE, DECIMAL:10.00, INT64:4, DECIMAL:2.500000",
            "DIVIDE, INT64:1, INT64:3, DECIMAL:0.3333",
            "ADD, FLOAT64:1.5, INT64:1, FLOAT64:2.5",
            "ADD, VARCHAR:3abc, INT64:1, FLOAT64:4",
            "MODULO, INT64:7, INT64:3, INT64:1",
            "INTEGER_DIVIDE, INT64:7, INT64:2, INT64:3"})
    void computesWithMysqlResultTypes(ArithmeticOperator operator, String left, String right, String expected) {
        SqlValue result = Arithmetic.apply(operator, value(left), value(right));
        assertThat(result.type() + ":" + result.text()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void divisionByZeroAndNullAreNull() {
        assertThat(Arithmetic.apply(ArithmeticOperator.DIVIDE, SqlValue.ofLong(1), SqlValue.ofLong(0)).isNull()).isTrue();
        assertThat(Arithmetic.apply(ArithmeticOperator.ADD, SqlValue.NULL, SqlValue.ofLong(1)).isNull()).isTrue();
    }

    @Test
    void inAndComparisonFollowThreeValuedLogic() {
        EvalContext context = EvalContext.of(BindVariables.empty());
        EvalExpression one = new EvalExpression.Literal(SqlValue.ofLong(1));
        EvalExpression nullValue = new EvalExpression.Literal(SqlValue.NULL);
        EvalExpression list = new EvalExpression.TupleExpression(java.util.List.of(new EvalExpression.Literal(SqlValue.ofLong(2)), nullValue));
        assertThat(new EvalExpression.In(one, list, false).evaluate(context).isNull()).isTrue();
        assertThat(new EvalExpression.Comparison(ComparisonOperator.NULL_SAFE_EQUAL, nullValue, nullValue).evaluate(context).text()).isEqualTo("1");
        assertThat(new EvalExpression.Or(one, nullValue).evaluate(context).text()).isEqualTo("1");
        assertThat(new EvalExpression.And(new EvalExpression.Literal(SqlValue.ofLong(0)), nullValue).evaluate(context).text()).isEqualTo("0");
    }

    @Test
    void groupingKeysMatchComparisonEquality() {
        assertThat(Comparisons.groupingKey(SqlValue.of(Type.DECIMAL, "2.50"), Collation.BINARY))
                .isEqualTo(Comparisons.groupingKey(SqlValue.of(Type.DECIMAL, "2.5"), Collation.BINARY));
        assertThat(Comparisons.groupingKey(SqlValue.ofString("Abc "), Collation.CASE_INSENSITIVE))
                .isEqualTo(Comparisons.groupingKey(SqlValue.ofString("abc"), Collation.CASE_INSENSITIVE));
        assertThat(Comparisons.groupingKey(SqlValue.ofString("Abc"), Collation.BINARY))
                .isNotEqualTo(Comparisons.groupingKey(SqlValue.ofString("abc"), Collation.BINARY));
    }
}
