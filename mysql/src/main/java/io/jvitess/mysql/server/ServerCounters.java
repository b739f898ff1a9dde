package io.jvitess.mysql.server;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import static java.util.Objects.requireNonNull;

/** Server-wide numbers for COM_STATISTICS. */
final class ServerCounters {

    private final long startNanos = System.nanoTime();
    private final AtomicLong questions = new AtomicLong();
    private final IntSupplier threads;

    ServerCounters(IntSupplier threads) {
        this.threads = requireNonNull(threads, "threads is null");
    }

    void countQuestion() {
        questions.incrementAndGet();
    }

    /** The text MySQL's COM_STATISTICS returns (what {@code mysqladmin status} prints). */
    String statisticsText() {
        long uptimeSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
        long asked = questions.get();
        return String.format(Locale.ROOT,
                "Uptime: %d  Threads: %d  Questions: %d  Slow queries: 0  Opens: 0  Open tables: 0  Queries per second avg: %.3f",
                uptimeSeconds, threads.getAsInt(), asked, (double) asked / uptimeSeconds);
    }
}
