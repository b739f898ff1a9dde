package io.jvitess.benchmarks;

import io.jvitess.common.key.KeyRanges;
import io.jvitess.gateway.engine.DestinationResolver;
import io.jvitess.gateway.engine.ExecutionContext;
import io.jvitess.gateway.engine.ResultSet;
import io.jvitess.gateway.engine.ShardQueryExecutor;
import io.jvitess.gateway.planner.PlanCache;
import io.jvitess.gateway.planner.Planner;
import io.jvitess.gateway.planner.PreparedPlan;
import io.jvitess.gateway.vschema.VSchema;
import io.jvitess.gateway.vschema.VSchemaBuilder;
import io.jvitess.gateway.vschema.VindexFactory;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.ColumnVindex;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vschema.SrvVSchema;
import io.jvitess.proto.vschema.Table;
import io.jvitess.proto.vschema.Vindex;
import io.jvitess.sql.parser.SqlParser;
import io.jvitess.vindexes.LookupContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * vtgate's per-query CPU before the network: parse, plan-cache hit, then execute the plan's
 * routing (vindex map, shard resolution, per-shard SQL rendering) against shards that answer
 * instantly with no rows. Customer and corder live in a 4-shard keyspace, product in an unsharded one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlanBenchmark {

    private Planner planner;
    private VSchema vschema;
    private ExecutionContext context;

    @Setup
    public void setUp() {
        ColumnVindex byCustomer = ColumnVindex.newBuilder().setColumn("customer_id").setName("hash").build();
        Keyspace customer = Keyspace.newBuilder()
                .setSharded(true)
                .putVindexes("hash", Vindex.newBuilder().setType("hash").build())
                .putTables("customer", Table.newBuilder().addColumnVindexes(byCustomer).build())
                .putTables("corder", Table.newBuilder().addColumnVindexes(byCustomer).build())
                .build();
        Keyspace commerce = Keyspace.newBuilder().putTables("product", Table.getDefaultInstance()).build();
        SrvVSchema source = SrvVSchema.newBuilder().putKeyspaces("customer", customer).putKeyspaces("commerce", commerce).build();
        vschema = new VSchemaBuilder(VindexFactory.standard()).build(source, Set.of("customer", "commerce"), 1);
        planner = new Planner(new PlanCache(1000));
        List<ShardReference> customerShards = new ArrayList<>();
        for (String name : KeyRanges.generateShardRanges(4)) {
            customerShards.add(ShardReference.newBuilder().setName(name).setKeyRange(KeyRanges.fromShardName(name)).build());
        }
        List<ShardReference> commerceShards = List.of(ShardReference.newBuilder().setName("0").build());
        DestinationResolver destinations = keyspace -> keyspace.equals("customer") ? customerShards : commerceShards;
        ShardQueryExecutor shards = (queries, outsideTransaction) -> queries.stream().map(query -> ResultSet.empty()).toList();
        LookupContext noLookups = (sql, bindVariables, order) -> {
            throw new IllegalStateException("these plans use no lookup vindex: " + sql);
        };
        context = new ExecutionContext(shards, destinations, noLookups);
    }

    private ResultSet parsePlanRoute(String sql) {
        PreparedPlan prepared = planner.plan(new Planner.Request(SqlParser.parse(sql), vschema, Optional.empty(),
                TabletType.PRIMARY, true, true));
        return prepared.plan().instructions().execute(context, prepared.bindVariables());
    }

    @Benchmark
    public ResultSet pointSelect() {
        return parsePlanRoute(ParseBenchmark.POINT_SELECT);
    }

    @Benchmark
    public ResultSet threeWayJoin() {
        return parsePlanRoute(ParseBenchmark.THREE_WAY_JOIN);
    }
}
