package io.jvitess.tablet;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.query.BeginRequest;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.RollbackRequest;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.query.Type;
import io.jvitess.proto.queryservice.QueryGrpc;
import io.jvitess.proto.topodata.TabletType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.jvitess.tablet.TabletTestSupport.eventually;
import static io.jvitess.tablet.TabletTestSupport.firstValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sequences served by a primary tablet over gRPC against a real mysqld (Vitess's tabletserver Nextval). */
class SequenceIntegrationTest {

    private static final String KEYSPACE = "ks";
    private static final Target PRIMARY = TabletTestSupport.target(KEYSPACE, "0", TabletType.PRIMARY);
    private static final TabletTestSupport support = new TabletTestSupport();
    private static SharedMysqldTablets tablets;
    private static Vttablet tablet;
    private static QueryGrpc.QueryBlockingStub stub;

    @BeforeAll
    static void start() throws IOException {
        tablets = new SharedMysqldTablets("sequence-test", "zone1");
        tablet = tablets.start(tablets.config(1, KEYSPACE, "0", TabletType.REPLICA));
        eventually(() -> tablet.state().serving() && tablet.state().type() == TabletType.PRIMARY ? true : null);
        stub = support.stub(tablet);
    }

    @AfterAll
    static void stop() {
        support.close();
        if (tablets != null) {
            tablets.close();
        }
    }

    @Test
    void handsOutTheTutorialSequenceAndRefillsOneCacheAtATime() {
        createSequence("tutorial_seq", 1000, 100);

        QueryResult first = execute("select next value from tutorial_seq");
        assertThat(first.getFieldsList()).singleElement().satisfies(field -> {
            assertThat(field.getName()).isEqualTo("nextval");
            assertThat(field.getType()).isEqualTo(Type.INT64);
        });
        assertThat(first.getRowsList()).hasSize(1);
        assertThat(firstValue(first)).isEqualTo("1000");
        assertThat(nextIdOf("tutorial_seq")).isEqualTo(1100);

        for (long expected = 1001; expected < 1100; expected++) {
            assertThat(next("tutorial_seq", 1)).isEqualTo(expected);
        }
        assertThat(nextIdOf("tutorial_seq")).as("the cached block lasts until 1099").isEqualTo(1100);
        assertThat(next("tutorial_seq", 1)).isEqualTo(1100);
        assertThat(nextIdOf("tutorial_seq")).isEqualTo(1200);
    }

    @Test
    void reservesWholeCachesForLargeRequests() {
        createSequence("block_seq", 1, 10);

        assertThat(next("block_seq", 25)).isEqualTo(1);
        assertThat(nextIdOf("block_seq")).as("1 + 3 caches covers 25 values").isEqualTo(31);
        assertThat(next("block_seq", 3)).isEqualTo(26);
        assertThat(nextIdOf("block_seq")).as("26..28 fit the block ending before 31").isEqualTo(31);
        assertThat(next("block_seq", 3)).isEqualTo(29);
        assertThat(nextIdOf("block_seq")).isEqualTo(41);
    }

    @Test
    void concurrentCallersGetDisjointBlocksAndTheTableAdvancesByCaches() throws Exception {
        int cache = 10;
        int threads = 8;
        int callsPerThread = 150;
        int count = 3;
        createSequence("busy_seq", 1, cache);
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                boolean useBindVariable = thread % 2 == 0;
                futures.add(pool.submit(() -> {
                    for (int call = 0; call < callsPerThread; call++) {
                        starts.add(useBindVariable ? nextWithBindVariable("busy_seq", count) : next("busy_seq", count));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        long total = (long) threads * callsPerThread * count;
        List<Long> sorted = starts.stream().sorted().toList();
        assertThat(sorted).hasSize(threads * callsPerThread);
        for (int index = 0; index < sorted.size(); index++) {
            assertThat(sorted.get(index)).as("block %d starts right after the previous one", index).isEqualTo(1 + (long) index * count);
        }
        long cachesNeeded = (total + cache - 1) / cache;
        assertThat(nextIdOf("busy_seq")).isEqualTo(1 + cachesNeeded * cache);
    }

    @Test
    void followsANextIdMovedForwardButNeverGoesBackwards() {
        createSequence("moved_seq", 100, 10);
        assertThat(next("moved_seq", 1)).isEqualTo(100);
        updateNextId("moved_seq", 5000);
        assertThat(next("moved_seq", 9)).as("the reserved block 101..109 is used first").isEqualTo(101);
        assertThat(next("moved_seq", 1)).as("the refill adopts the larger next_id").isEqualTo(5000);
        assertThat(nextIdOf("moved_seq")).isEqualTo(5010);

        updateNextId("moved_seq", 10);
        assertThat(next("moved_seq", 9)).isEqualTo(5001);
        assertThat(next("moved_seq", 1)).as("a next_id below the reserved block is ignored").isEqualTo(5010);
        assertThat(nextIdOf("moved_seq")).isEqualTo(5020);
    }

    @Test
    void findsASequenceCreatedAfterAMiss() {
        assertThatThrownBy(() -> next("late_seq", 1)).hasMessage("late_seq is not a sequence");
        createSequence("late_seq", 7, 5);
        assertThat(next("late_seq", 1)).isEqualTo(7);
    }

    /** Setup statements are separated by ';'. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "create table plain_table (id int primary key) | select next value from plain_table | plain_table is not a sequence",
            "create table upper_seq (id int, next_id bigint, cache bigint, primary key(id)) comment 'VITESS_SEQUENCE'; insert into upper_seq values (0, 1, 1)"
                    + " | select next value from upper_seq | upper_seq is not a sequence",
            " | select next value from missing_seq | missing_seq is not a sequence",
            "create table empty_seq (id int, next_id bigint, cache bigint, primary key(id)) comment 'vitess_sequence'"
                    + " | select next value from empty_seq | unexpected rows from reading sequence empty_seq (possible mis-route): 0",
            "create table twice_seq (id int, next_id bigint, cache bigint) comment 'vitess_sequence'; insert into twice_seq values (0, 1, 1), (0, 2, 1)"
                    + " | select next value from twice_seq | unexpected rows from reading sequence twice_seq (possible mis-route): 2",
            "create table zero_cache_seq (id int, next_id bigint, cache bigint, primary key(id)) comment 'vitess_sequence'; insert into zero_cache_seq values (0, 1, 0)"
                    + " | select next value from zero_cache_seq | invalid cache value for sequence zero_cache_seq: 0",
            "create table null_seq (id int, next_id bigint, cache bigint, primary key(id)) comment 'vitess_sequence'; insert into null_seq values (0, null, 5)"
                    + " | select next value from null_seq | error loading sequence null_seq: next_id and cache must not be NULL",
            " | select next 0 values from zero_count_seq | invalid increment for sequence zero_count_seq: INT64(0)",
    })
    void reportsVitessErrors(String setup, String sql, String message) {
        if (setup != null) {
            for (String statement : setup.split(";")) {
                execute(statement.strip());
            }
        }
        assertThatThrownBy(() -> execute(sql))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.code()).isEqualTo(VtCode.INVALID_ARGUMENT);
                    assertThat(error.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void rejectsAZeroCountBindVariable() {
        createSequence("bind_seq", 1, 10);
        assertThatThrownBy(() -> TabletTestSupport.execute(stub, PRIMARY, "select next :n /* INT64 */ values from bind_seq", 0,
                Map.of("n", int64(0))))
                .hasMessage("invalid increment for sequence bind_seq: INT64(0)");
    }

    @Test
    void refusesToRunInsideATransaction() {
        createSequence("tx_seq", 1, 10);
        long transactionId = stub.begin(BeginRequest.newBuilder().setTarget(PRIMARY).build()).getTransactionId();
        try {
            assertThatThrownBy(() -> TabletTestSupport.execute(stub, PRIMARY, "select next value from tx_seq", transactionId))
                    .isInstanceOfSatisfying(VtException.class, error -> {
                        assertThat(error.code()).isEqualTo(VtCode.INVALID_ARGUMENT);
                        assertThat(error.getMessage()).contains("cannot run inside transaction " + transactionId);
                    });
        } finally {
            stub.rollback(RollbackRequest.newBuilder().setTarget(PRIMARY).setTransactionId(transactionId).build());
        }
        assertThat(next("tx_seq", 1)).as("nothing was reserved by the refused call").isEqualTo(1);
    }

    private static void createSequence(String table, long start, long cache) {
        execute("create table " + table + " (id int, next_id bigint, cache bigint, primary key(id)) comment 'vitess_sequence'");
        execute("insert into " + table + " (id, next_id, cache) values (0, " + start + ", " + cache + ")");
    }

    private static void updateNextId(String table, long nextId) {
        execute("update " + table + " set next_id = " + nextId + " where id = 0");
    }

    private static long nextIdOf(String table) {
        return Long.parseLong(firstValue(execute("select next_id from " + table + " where id = 0")));
    }

    private static long next(String table, long count) {
        return Long.parseLong(firstValue(execute("select next " + count + " values from " + table)));
    }

    private static long nextWithBindVariable(String table, long count) {
        QueryResult result = TabletTestSupport.execute(stub, PRIMARY, "select next :n /* INT64 */ values from " + table, 0,
                Map.of("n", int64(count)));
        return Long.parseLong(firstValue(result));
    }

    private static BindVariable int64(long value) {
        return BindVariable.newBuilder().setType(Type.INT64).setValue(ByteString.copyFrom(Long.toString(value), StandardCharsets.US_ASCII)).build();
    }

    private static QueryResult execute(String sql) {
        return TabletTestSupport.execute(stub, PRIMARY, sql, 0);
    }
}
