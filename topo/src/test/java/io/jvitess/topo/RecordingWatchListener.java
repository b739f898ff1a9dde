package io.jvitess.topo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Records watch events as strings ({@code changed:<utf-8 contents>}, {@code deleted}, {@code error:<code>}) so tests
 * can wait for them in order.
 */
public final class RecordingWatchListener implements WatchListener {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void changed(VersionedValue value) {
        events.add("changed:" + new String(value.contents(), StandardCharsets.UTF_8));
    }

    @Override
    public void deleted() {
        events.add("deleted");
    }

    @Override
    public void error(TopoException e) {
        events.add("error:" + e.code());
    }

    /** The next event, waiting up to 20 seconds for it. */
    public String next() {
        try {
            String event = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                fail("no watch event within " + DEADLINE);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a watch event", e);
        }
    }

    /** Skips events until {@code expected} arrives (ZooKeeper may coalesce quick successive changes). */
    public void awaitEvent(String expected) {
        while (!next().equals(expected)) {
            // keep waiting; next() fails at the deadline
        }
    }
}
