package io.jvitess.gateway.engine;

import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.BoundValue;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.vindexes.Vindex;
import io.jvitess.vindexes.VindexRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTest {

    private static final KeyspaceInfo USER = new KeyspaceInfo("user", true);
    private static final Vindex HASH = VindexRegistry.standard().create("hash", "hash", Map.of());

    private static Route route(RoutingParameters routing, String sql, List<OrderByParams> orderBy, int truncate) {
        return new Route(routing, SqlTemplate.parse(sql), SqlTemplate.parse("select id, name from t where 1 != 1"), orderBy, truncate, "t");
    }

    @Test
    void scatterConcatenatesShardResultsInShardOrder() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-")
                .respond(query -> query.shard().equals("-80") ? FakeShards.result("id:INT64", "1", "3") : FakeShards.result("id:INT64", "2"));
        ResultSet result = route(RoutingParameters.of(RouteOpcode.SCATTER, USER), "select id from t", List.of(), 0)
                .execute(shards.context(), BindVariables.empty());
        assertThat(FakeShards.rows(result)).containsExactly("1", "3", "2");
        assertThat(shards.log()).containsExactly("user/-80: select id from t", "user/80-: select id from t");
    }

    @Test
    void mergeSortsByWeightStringAndDropsHelperColumns() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").respond(query -> query.shard().equals("-80")
                ? FakeShards.result("id:INT64,name:VARCHAR,ws:VARBINARY", "1|alice|A", "3|Carl|C")
                : FakeShards.result("id:INT64,name:VARCHAR,ws:VARBINARY", "2|bob|B", "4|dave|D"));
        ResultSet result = route(RoutingParameters.of(RouteOpcode.SCATTER, USER), "select id, name, weight_string(name) from t order by name",
                List.of(new OrderByParams(1, 2, false)), 2).execute(shards.context(), BindVariables.empty());
        assertThat(FakeShards.rows(result)).containsExactly("1|alice", "2|bob", "3|Carl", "4|dave");
        assertThat(result.fields()).hasSize(2);
    }

    @Test
    void mergeSortsNumbersNumericallyAndDescending() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").respond(query -> query.shard().equals("-80")
                ? FakeShards.result("id:INT64", "100", "9", "null") : FakeShards.result("id:INT64", "20", "3"));
        ResultSet result = route(RoutingParameters.of(RouteOpcode.SCATTER, USER), "select id from t order by id desc",
                List.of(new OrderByParams(0, -1, true)), 0).execute(shards.context(), BindVariables.empty());
        assertThat(FakeShards.rows(result)).containsExactly("100", "20", "9", "3", "null");
    }

    @Test
    void sortColumnsAfterAStarAreFoundFromTheEnd() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").respond(query -> query.shard().equals("-80")
                ? FakeShards.result("a:INT64,b:VARCHAR,id:INT64", "7|x|2") : FakeShards.result("a:INT64,b:VARCHAR,id:INT64", "8|y|1"));
        ResultSet result = route(RoutingParameters.of(RouteOpcode.SCATTER, USER), "select *, id from t order by id",
                List.of(new OrderByParams(1, -1, false, true)), -1).execute(shards.context(), BindVariables.empty());
        assertThat(FakeShards.rows(result)).containsExactly("8|y", "7|x");
    }

    @Test
    void equalUniqueGoesToTheShardOfTheHashedValue() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").respond(query -> FakeShards.result("id:INT64", "4"));
        RoutingParameters routing = RoutingParameters.byVindex(RouteOpcode.EQUAL_UNIQUE, USER, HASH, new EvalExpression.BindVariableRef("vtg1"));
        route(routing, "select id from t where id = :vtg1", List.of(), 0)
                .execute(shards.context(), BindVariables.empty().with("vtg1", BoundValue.of(SqlValue.ofLong(4))));
        assertThat(shards.log()).containsExactly("user/80-: select id from t where id = 4");
    }

    @Test
    void inSendsEachShardOnlyItsValues() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-");
        RoutingParameters routing = RoutingParameters.byVindex(RouteOpcode.IN, USER, HASH, new EvalExpression.ListBindVariableRef("vtg1"));
        route(routing, "select id from t where id in (::__vals)", List.of(), 0).execute(shards.context(),
                BindVariables.empty().with("vtg1", BoundValue.ofList(List.of(SqlValue.ofLong(1), SqlValue.ofLong(4), SqlValue.ofLong(2), SqlValue.ofLong(6)))));
        assertThat(shards.log()).containsExactly("user/-80: select id from t where id in (1, 2)", "user/80-: select id from t where id in (4, 6)");
    }

    @Test
    void aValueThatMapsNowhereRunsTheFieldQueryForColumns() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").respond(query -> FakeShards.result("id:INT64,name:VARCHAR"));
        RoutingParameters routing = RoutingParameters.byVindex(RouteOpcode.EQUAL_UNIQUE, USER, HASH, new EvalExpression.Literal(SqlValue.NULL));
        ResultSet result = route(routing, "select id, name from t where id is null", List.of(), 0).execute(shards.context(), BindVariables.empty());
        assertThat(result.rows()).isEmpty();
        assertThat(result.fields()).extracting(field -> field.getName()).containsExactly("id", "name");
        assertThat(shards.log()).containsExactly("user/-80: select id, name from t where 1 != 1");
    }

    @Test
    void nextRunsOutsideTheTransaction() {
        FakeShards shards = new FakeShards().keyspace("main", "0").respond(query -> FakeShards.result("nextval:INT64", "100"));
        ResultSet result = route(RoutingParameters.of(RouteOpcode.NEXT, new KeyspaceInfo("main", false)), "select next 2 values from seq", List.of(), 0)
                .execute(shards.context(), BindVariables.empty());
        assertThat(FakeShards.rows(result)).containsExactly("100");
        assertThat(shards.log()).containsExactly("main/0: select next 2 values from seq [autocommit]");
    }

    @Test
    void describesInVitessShape() {
        RoutingParameters routing = RoutingParameters.byVindex(RouteOpcode.EQUAL_UNIQUE, USER, HASH, new EvalExpression.Literal(SqlValue.ofLong(5)));
        assertThat(route(routing, "select id from t where id = 5", List.of(), 0).describe())
                .containsEntry("OperatorType", "Route")
                .containsEntry("Variant", "EqualUnique")
                .containsEntry("Keyspace", Map.of("Name", "user", "Sharded", true))
                .containsEntry("Query", "select id from t where id = 5")
                .containsEntry("Values", List.of("5"))
                .containsEntry("Vindex", "hash");
    }
}
