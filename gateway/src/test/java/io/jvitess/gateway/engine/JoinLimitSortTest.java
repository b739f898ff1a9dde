package io.jvitess.gateway.engine;

import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.common.sqltypes.SqlValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JoinLimitSortTest {

    private static final KeyspaceInfo MAIN = new KeyspaceInfo("main", false);

    private static Route unsharded(String sql) {
        return new Route(RoutingParameters.of(RouteOpcode.UNSHARDED, MAIN), SqlTemplate.parse(sql), SqlTemplate.parse(sql + " /* fields */"),
                List.of(), 0, "t");
    }

    @Test
    void joinRunsTheRightSideOncePerLeftRowWithJoinVariables() {
        FakeShards shards = new FakeShards().keyspace("main", "0").respond(query -> switch (query.sql()) {
            case "select id, name from a" -> FakeShards.result("id:INT64,name:VARCHAR", "1|x", "2|y", "3|z");
            case "select title from b where a_id = 1" -> FakeShards.result("title:VARCHAR", "t1", "t2");
            case "select title from b where a_id = 3" -> FakeShards.result("title:VARCHAR", "t3");
            default -> FakeShards.result("title:VARCHAR");
        });
        Join join = new Join(false, unsharded("select id, name from a"), unsharded("select title from b where a_id = :a_id"),
                List.of(-2, 1), Map.of("a_id", 0));
        ResultSet result = join.execute(shards.context(), BindVariables.empty());
        assertThat(FakeShards.rows(result)).containsExactly("x|t1", "x|t2", "z|t3");
        assertThat(result.fields()).extracting(field -> field.getName()).containsExactly("name", "title");
        assertThat(shards.log()).containsExactly("main/0: select id, name from a", "main/0: select title from b where a_id = 1",
                "main/0: select title from b where a_id = 2", "main/0: select title from b where a_id = 3");
    }

    @Test
    void leftJoinKeepsLeftRowsWithoutMatches() {
        FakeShards shards = new FakeShards().keyspace("main", "0").respond(query -> query.sql().startsWith("select id")
                ? FakeShards.result("id:INT64", "1", "2")
                : query.sql().endsWith("= 1") ? FakeShards.result("title:VARCHAR", "t1") : FakeShards.result("title:VARCHAR"));
        Join join = new Join(true, unsharded("select id from a"), unsharded("select title from b where a_id = :a_id"), List.of(-1, 1), Map.of("a_id", 0));
        assertThat(FakeShards.rows(join.execute(shards.context(), BindVariables.empty()))).containsExactly("1|t1", "2|null");
    }

    @Test
    void joinWithEmptyLeftStillReturnsColumnsOfBothSides() {
        FakeShards shards = new FakeShards().keyspace("main", "0").respond(query -> query.sql().contains("from a")
                ? FakeShards.result("id:INT64") : FakeShards.result("title:VARCHAR"));
        Join join = new Join(false, unsharded("select id from a"), unsharded("select title from b where a_id = :a_id"), List.of(-1, 1), Map.of("a_id", 0));
        ResultSet result = join.execute(shards.context(), BindVariables.empty());
        assertThat(result.rows()).isEmpty();
        assertThat(result.fields()).extracting(field -> field.getName()).containsExactly("id", "title");
        assertThat(shards.log()).contains("main/0: select title from b where a_id = null /* fields */");
    }

    @Test
    void limitSkipsTheOffsetAndTellsShardsTheUpperLimit() {
        FakeShards shards = new FakeShards().keyspace("main", "0")
                .respond(query -> FakeShards.result("id:INT64", "1", "2", "3", "4", "5", "6"));
        Limit limit = new Limit(new EvalExpression.Literal(SqlValue.ofLong(2)), Optional.of(new EvalExpression.Literal(SqlValue.ofLong(3))),
                unsharded("select id from t limit :__upper_limit"));
        assertThat(FakeShards.rows(limit.execute(shards.context(), BindVariables.empty()))).containsExactly("4", "5");
        assertThat(shards.log()).containsExactly("main/0: select id from t limit 5");
    }

    @Test
    void limitPastTheEndIsEmpty() {
        FakeShards shards = new FakeShards().keyspace("main", "0").respond(query -> FakeShards.result("id:INT64", "1"));
        Limit limit = new Limit(new EvalExpression.Literal(SqlValue.ofLong(2)), Optional.of(new EvalExpression.Literal(SqlValue.ofLong(3))),
                unsharded("select id from t limit :__upper_limit"));
        assertThat(limit.execute(shards.context(), BindVariables.empty()).rows()).isEmpty();
    }

    @Test
    void memorySortIsStableAndTruncates() {
        FakeShards shards = new FakeShards().keyspace("main", "0")
                .respond(query -> FakeShards.result("name:VARCHAR,rank:INT64", "b|2", "a|2", "c|1"));
        MemorySort sort = new MemorySort(List.of(new OrderByParams(1, -1, true)), 1, unsharded("select name, rank from t"));
        assertThat(FakeShards.rows(sort.execute(shards.context(), BindVariables.empty()))).containsExactly("b", "a", "c");
    }

    @Test
    void distinctComparesTextCaseInsensitively() {
        FakeShards shards = new FakeShards().keyspace("main", "0")
                .respond(query -> FakeShards.result("name:VARCHAR", "Bob", "alice", "bob", "ALICE ", "carol"));
        Distinct distinct = new Distinct(0, unsharded("select name from t"));
        assertThat(FakeShards.rows(distinct.execute(shards.context(), BindVariables.empty()))).containsExactly("Bob", "alice", "carol");
    }

    @Test
    void concatenateAppendsInputsInOrder() {
        FakeShards shards = new FakeShards().keyspace("main", "0")
                .respond(query -> query.sql().contains("a") ? FakeShards.result("x:INT64", "1", "2") : FakeShards.result("y:INT64", "3"));
        Concatenate union = new Concatenate(List.of(unsharded("select x from a"), unsharded("select y from b")));
        ResultSet result = union.execute(shards.context(), BindVariables.empty());
        assertThat(FakeShards.rows(result)).containsExactly("1", "2", "3");
        assertThat(result.fields()).extracting(field -> field.getName()).containsExactly("x");
    }
}
