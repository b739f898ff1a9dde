package io.jvitess.benchmarks;

import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.engine.DestinationResolver;
import io.jvitess.gateway.engine.ExecutionContext;
import io.jvitess.gateway.engine.ResultSet;
import io.jvitess.gateway.engine.ShardQuery;
import io.jvitess.gateway.engine.ShardQueryExecutor;
import io.jvitess.gateway.planner.PlanCache;
import io.jvitess.gateway.planner.Planner;
import io.jvitess.gateway.planner.PreparedPlan;
import io.jvitess.gateway.vschema.VSchema;
import io.jvitess.gateway.vschema.VSchemaBuilder;
import io.jvitess.gateway.vschema.VindexFactory;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.Type;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.Column;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * vtgate combining a scatter query's shard results: 4 shards of 250 sysbench rows each,
 * concatenated (no ORDER BY), merge-sorted by an int column and by a char column (through
 * its weight_string(), as the planner asks the shards for), and aggregated (scalar count/sum,
 * and count per group merged from shard-sorted groups). The plans come from the real planner
 * and run on the engine's primitives; the shards answer instantly with canned, already decoded
 * rows, so what is measured is the routing plus the merge, not parsing or the network.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MergeBenchmark {

    private static final int SHARDS = 4;
    private static final int ROWS_PER_SHARD = 250;
    private static final int DISTINCT_K = 500;

    private static final String UNORDERED = "select id, k, c, pad from sbtest1";
    private static final String ORDER_BY_INT = "select id, k, c, pad from sbtest1 order by id";
    private static final String ORDER_BY_CHAR = "select id, k, c, pad from sbtest1 order by c";
    private static final String COUNT_AND_SUM = "select count(*), sum(k) from sbtest1";
    private static final String COUNT_BY_K = "select k, count(*) from sbtest1 group by k";

    /** The canned shard results, by the SQL the plans send to every shard. */
    private final Map<String, List<ResultSet>> shardResults = new HashMap<>();
    private ExecutionContext context;
    private PreparedPlan unordered;
    private PreparedPlan orderByInt;
    private PreparedPlan orderByChar;
    private PreparedPlan countAndSum;
    private PreparedPlan countByK;

    @Setup
    public void setUp() {
        Planner planner = new Planner(new PlanCache(100));
        VSchema vschema = sbtestVSchema();
        List<ShardReference> shards = new ArrayList<>();
        for (String name : KeyRanges.generateShardRanges(SHARDS)) {
            shards.add(ShardReference.newBuilder().setName(name).setKeyRange(KeyRanges.fromShardName(name)).build());
        }
        DestinationResolver destinations = keyspace -> shards;
        ShardQueryExecutor cannedShards = this::cannedResults;
        LookupContext noLookups = (sql, bindVariables, order) -> {
            throw new IllegalStateException("these plans use no lookup vindex: " + sql);
        };
        context = new ExecutionContext(cannedShards, destinations, noLookups);
        addShardResults();

        unordered = plan(planner, vschema, UNORDERED);
        orderByInt = plan(planner, vschema, ORDER_BY_INT);
        orderByChar = plan(planner, vschema, ORDER_BY_CHAR);
        countAndSum = plan(planner, vschema, COUNT_AND_SUM);
        countByK = plan(planner, vschema, COUNT_BY_K);
        checkResults();
    }

    @Benchmark
    public ResultSet concatenate() {
        return execute(unordered);
    }

    @Benchmark
    public ResultSet mergeSortByInt() {
        return execute(orderByInt);
    }

    @Benchmark
    public ResultSet mergeSortByChar() {
        return execute(orderByChar);
    }

    @Benchmark
    public ResultSet scalarCountAndSum() {
        return execute(countAndSum);
    }

    @Benchmark
    public ResultSet groupByCount() {
        return execute(countByK);
    }

    private ResultSet execute(PreparedPlan prepared) {
        return prepared.plan().instructions().execute(context, prepared.bindVariables());
    }

    private List<ResultSet> cannedResults(List<ShardQuery> queries, boolean outsideTransaction) {
        String sql = queries.getFirst().sql();
        List<ResultSet> results = shardResults.get(sql);
        if (results == null || results.size() != queries.size()) {
            throw new IllegalStateException("no canned results of " + queries.size() + " shards for " + sql
                    + "; the planner's shard query changed, update MergeBenchmark");
        }
        return results;
    }

    private static PreparedPlan plan(Planner planner, VSchema vschema, String sql) {
        return planner.plan(new Planner.Request(SqlParser.parse(sql), vschema, Optional.empty(), TabletType.PRIMARY, true, true));
    }

    /** Keyspace sbtest with 4 shards, sbtest1 sharded by hash(id), its columns' types declared. */
    private static VSchema sbtestVSchema() {
        Table sbtest1 = Table.newBuilder()
                .addColumnVindexes(ColumnVindex.newBuilder().setColumn("id").setName("hash"))
                .addColumns(Column.newBuilder().setName("id").setType(Type.INT32))
                .addColumns(Column.newBuilder().setName("k").setType(Type.INT32))
                .addColumns(Column.newBuilder().setName("c").setType(Type.CHAR))
                .addColumns(Column.newBuilder().setName("pad").setType(Type.CHAR))
                .build();
        Keyspace sbtest = Keyspace.newBuilder()
                .setSharded(true)
                .putVindexes("hash", Vindex.newBuilder().setType("hash").build())
                .putTables(SysbenchRows.TABLE, sbtest1)
                .build();
        SrvVSchema source = SrvVSchema.newBuilder().putKeyspaces(SysbenchRows.KEYSPACE, sbtest).build();
        return new VSchemaBuilder(VindexFactory.standard()).build(source, Set.of(SysbenchRows.KEYSPACE), 1);
    }

    /** What each shard's MySQL returns for each query: ids 1..1000 spread round-robin, each shard's rows in the query's order. */
    private void addShardResults() {
        SysbenchRows generator = new SysbenchRows(42);
        List<List<List<SqlValue>>> rowsByShard = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            rowsByShard.add(new ArrayList<>());
        }
        for (int id = 1; id <= SHARDS * ROWS_PER_SHARD; id++) {
            rowsByShard.get(id % SHARDS).add(generator.row(id));
        }
        Random groups = new Random(7);
        List<ResultSet> unorderedResults = new ArrayList<>();
        List<ResultSet> byIntResults = new ArrayList<>();
        List<ResultSet> byCharResults = new ArrayList<>();
        List<ResultSet> countAndSumResults = new ArrayList<>();
        List<ResultSet> countByKResults = new ArrayList<>();
        for (List<List<SqlValue>> rows : rowsByShard) {
            List<List<SqlValue>> byId = new ArrayList<>(rows);
            byId.sort(Comparator.comparingInt(row -> Integer.parseInt(row.getFirst().text())));
            unorderedResults.add(ResultSet.of(SysbenchRows.FIELDS, rows));
            byIntResults.add(ResultSet.of(SysbenchRows.FIELDS, byId));
            byCharResults.add(withWeightStringOfC(rows));
            countAndSumResults.add(countAndSum(rows));
            countByKResults.add(countByK(groups));
        }
        shardResults.put(UNORDERED, unorderedResults);
        shardResults.put("select id, k, c, pad from sbtest1 order by id", byIntResults);
        shardResults.put("select id, k, c, pad , weight_string(c) from sbtest1 order by c", byCharResults);
        shardResults.put(COUNT_AND_SUM, countAndSumResults);
        shardResults.put("select k, count(*) from sbtest1 group by k order by k asc", countByKResults);
    }

    /** Rows with weight_string(c) appended, sorted by it, as MySQL returns them for ORDER BY c. */
    private static ResultSet withWeightStringOfC(List<List<SqlValue>> rows) {
        List<Field> fields = new ArrayList<>(SysbenchRows.FIELDS);
        fields.add(Field.newBuilder().setName("weight_string(c)").setType(Type.VARBINARY).setCharset(63).build());
        List<List<SqlValue>> withWeights = new ArrayList<>();
        for (List<SqlValue> row : rows) {
            List<SqlValue> extended = new ArrayList<>(row);
            extended.add(SysbenchRows.weightString(row.get(2)));
            withWeights.add(List.copyOf(extended));
        }
        withWeights.sort((left, right) -> Arrays.compareUnsigned(left.get(4).raw(), right.get(4).raw()));
        return ResultSet.of(fields, withWeights);
    }

    private static ResultSet countAndSum(List<List<SqlValue>> rows) {
        long sum = rows.stream().mapToLong(row -> Long.parseLong(row.get(1).text())).sum();
        List<Field> fields = List.of(Field.newBuilder().setName("count(*)").setType(Type.INT64).build(),
                Field.newBuilder().setName("sum(k)").setType(Type.DECIMAL).build());
        return ResultSet.of(fields, List.of(List.of(SqlValue.ofLong(rows.size()), SqlValue.of(Type.DECIMAL, Long.toString(sum)))));
    }

    /** One shard's {@code k, count(*) ... group by k order by k}: its 250 rows fall in k 1..500, so shards share groups. */
    private static ResultSet countByK(Random random) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int row = 0; row < ROWS_PER_SHARD; row++) {
            counts.merge(1 + random.nextInt(DISTINCT_K), 1, Integer::sum);
        }
        List<List<SqlValue>> rows = new ArrayList<>();
        counts.forEach((k, count) -> rows.add(List.of(SysbenchRows.int32(k), SqlValue.ofLong(count))));
        List<Field> fields = List.of(SysbenchRows.FIELDS.get(1), Field.newBuilder().setName("count(*)").setType(Type.INT64).build());
        return ResultSet.of(fields, rows);
    }

    /** Runs every plan once and checks the merge did what the query asks, so a planner change cannot make this measure nonsense. */
    private void checkResults() {
        int total = SHARDS * ROWS_PER_SHARD;
        check(execute(unordered).rows().size() == total, "concatenate returned the wrong row count");
        List<List<SqlValue>> byId = execute(orderByInt).rows();
        for (int index = 0; index < total; index++) {
            check(Integer.parseInt(byId.get(index).getFirst().text()) == index + 1, "order by id is not 1.." + total);
        }
        List<List<SqlValue>> byChar = execute(orderByChar).rows();
        check(byChar.size() == total && byChar.getFirst().size() == 4, "order by c returned the wrong shape");
        for (int index = 1; index < total; index++) {
            check(byChar.get(index - 1).get(2).text().compareTo(byChar.get(index).get(2).text()) <= 0, "order by c is not sorted");
        }
        List<List<SqlValue>> counted = execute(countAndSum).rows();
        check(counted.size() == 1 && counted.getFirst().getFirst().text().equals(Integer.toString(total)), "count(*) is not " + total);
        long groupedRows = execute(countByK).rows().stream().mapToLong(row -> Long.parseLong(row.get(1).text())).sum();
        check(groupedRows == total, "group by k counts add up to " + groupedRows);
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }
}
