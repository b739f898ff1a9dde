package io.jvitess.benchmarks;

import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.vindexes.SingleColumnVindex;
import io.jvitess.vindexes.VindexRegistry;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Cost of mapping one id to a keyspace id with the functional vindexes vtgate uses most. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VindexBenchmark {

    private SingleColumnVindex hash;
    private SingleColumnVindex xxhash;
    private List<SqlValue> ids;

    @Setup
    public void setUp() {
        VindexRegistry registry = VindexRegistry.standard();
        hash = (SingleColumnVindex) registry.create("hash", "hash", Map.of());
        xxhash = (SingleColumnVindex) registry.create("xxhash", "xxhash", Map.of());
        ids = List.of(SqlValue.ofLong(123456789L));
    }

    @Benchmark
    public List<Destination> hashMap() {
        return hash.map(null, ids);
    }

    @Benchmark
    public List<Destination> xxhashMap() {
        return xxhash.map(null, ids);
    }
}
