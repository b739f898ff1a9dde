package io.jvitess.benchmarks;

import io.jvitess.sql.parser.ParsedStatement;
import io.jvitess.sql.parser.SqlParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Cost of parsing (Druid behind our adapter) for the two reference shapes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

    static final String POINT_SELECT = "select * from customer where customer_id = 5";
    static final String THREE_WAY_JOIN = "select c.email, o.order_id, p.description from customer c "
            + "join corder o on c.customer_id = o.customer_id join product p on p.sku = o.sku "
            + "where c.customer_id in (1, 2, 3) and o.price > 10 order by o.order_id desc limit 10";

    @Benchmark
    public ParsedStatement parsePointSelect() {
        return SqlParser.parse(POINT_SELECT);
    }

    @Benchmark
    public ParsedStatement parseThreeWayJoin() {
        return SqlParser.parse(THREE_WAY_JOIN);
    }
}
