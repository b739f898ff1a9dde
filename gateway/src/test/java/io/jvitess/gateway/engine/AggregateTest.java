package io.jvitess.gateway.engine;

import io.jvitess.gateway.evaluation.ArithmeticOperator;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.ComparisonOperator;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateTest {

    private static final KeyspaceInfo USER = new KeyspaceInfo("user", true);

    private static Route scatter(String sql, List<OrderByParams> order) {
        return new Route(RoutingParameters.of(RouteOpcode.SCATTER, USER), SqlTemplate.parse(sql), SqlTemplate.parse(sql + " /* fields */"),
                order, 0, "t");
    }

    @Test
    void orderedAggregateCombinesPartialAggregatesOfEachGroup() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").respond(query -> query.shard().equals("-80")
                ? FakeShards.result("name:VARCHAR,count(*):INT64,sum(col):DECIMAL,min(col):INT64,ws:VARBINARY", "a|2|30|10|A", "c|1|5|5|C")
                : FakeShards.result("name:VARCHAR,count(*):INT64,sum(col):DECIMAL,min(col):INT64,ws:VARBINARY", "A|1|7|7|A", "b|4|null|null|B"));
        Aggregate aggregate = new Aggregate(false, List.of(new GroupByParams(0, 4)), List.of(
                new AggregateParams(AggregateOpcode.SUM_COUNT_STAR, 1, -1, "count(*)"),
                new AggregateParams(AggregateOpcode.SUM, 2, -1, "sum(col)"),
                new AggregateParams(AggregateOpcode.MIN, 3, -1, "min(col)")), 4,
                scatter("select name, count(*), sum(col), min(col), weight_string(name) from t group by name order by name",
                        List.of(new OrderByParams(0, 4, false))));
        ResultSet result = aggregate.execute(shards.context(), BindVariables.empty());
        assertThat(FakeShards.rows(result)).containsExactly("a|3|37|7", "b|4|null|null", "c|1|5|5");
        assertThat(result.fields().get(1).getType()).isEqualTo(Type.INT64);
        assertThat(result.fields().get(2).getType()).isEqualTo(Type.DECIMAL);
    }

    @Test
    void scalarAggregateOfNoRowsIsZeroCountAndNullSum() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-")
                .respond(query -> FakeShards.result("count(*):INT64,sum(col):DECIMAL"));
        Aggregate aggregate = new Aggregate(true, List.of(), List.of(
                new AggregateParams(AggregateOpcode.SUM_COUNT_STAR, 0, -1, "count(*)"),
                new AggregateParams(AggregateOpcode.SUM, 1, -1, "sum(col)")), 0, scatter("select count(*), sum(col) from t", List.of()));
        assertThat(FakeShards.rows(aggregate.execute(shards.context(), BindVariables.empty()))).containsExactly("0|null");
    }

    @Test
    void countDistinctCountsEachValueOnceAcrossShards() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").respond(query -> query.shard().equals("-80")
                ? FakeShards.result("col:INT64", "1", "2", "5") : FakeShards.result("col:INT64", "2", "3", "5"));
        Aggregate aggregate = new Aggregate(true, List.of(), List.of(new AggregateParams(AggregateOpcode.COUNT_DISTINCT, 0, -1, "count(distinct col)")), 0,
                scatter("select col from t group by col order by col", List.of(new OrderByParams(0, -1, false))));
        assertThat(FakeShards.rows(aggregate.execute(shards.context(), BindVariables.empty()))).containsExactly("4");
    }

    @Test
    void averageIsSumDividedByCountWithFourMoreDecimals() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").respond(query -> query.shard().equals("-80")
                ? FakeShards.result("sum(col):DECIMAL,count(col):INT64", "10|2") : FakeShards.result("sum(col):DECIMAL,count(col):INT64", "5|1"));
        Aggregate aggregate = new Aggregate(true, List.of(), List.of(new AggregateParams(AggregateOpcode.SUM, 0, -1, "sum(col)"),
                new AggregateParams(AggregateOpcode.SUM_COUNT, 1, -1, "count(col)")), 0, scatter("select sum(col), count(col) from t", List.of()));
        Projection average = new Projection(List.of(new EvalExpression.Arithmetic(ArithmeticOperator.DIVIDE,
                new EvalExpression.ColumnRef(0, "sum(col)"), new EvalExpression.ColumnRef(1, "count(col)"))), List.of("avg(col)"), aggregate);
        ResultSet result = average.execute(shards.context(), BindVariables.empty());
        assertThat(FakeShards.rows(result)).containsExactly("5.0000");
        assertThat(result.fields().getFirst().getName()).isEqualTo("avg(col)");
        assertThat(result.fields().getFirst().getType()).isEqualTo(Type.DECIMAL);
    }

    @Test
    void havingFiltersAggregatedRows() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").respond(query -> query.shard().equals("-80")
                ? FakeShards.result("name:VARCHAR,c:INT64", "a|1", "b|1") : FakeShards.result("name:VARCHAR,c:INT64", "b|1"));
        Aggregate aggregate = new Aggregate(false, List.of(new GroupByParams(0, -1)),
                List.of(new AggregateParams(AggregateOpcode.SUM_COUNT_STAR, 1, -1, "count(*)")), 0,
                scatter("select name, count(*) as c from t group by name order by name", List.of(new OrderByParams(0, -1, false))));
        Filter having = new Filter(new EvalExpression.Comparison(ComparisonOperator.GREATER, new EvalExpression.ColumnRef(1, "c"),
                new EvalExpression.Literal(SqlValue.ofLong(1))), 0, aggregate);
        assertThat(FakeShards.rows(having.execute(shards.context(), BindVariables.empty()))).containsExactly("b|2");
    }
}
