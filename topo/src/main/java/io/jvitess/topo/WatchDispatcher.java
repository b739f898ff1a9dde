package io.jvitess.topo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import static java.util.Objects.requireNonNull;

/**
 * Delivers one watch's events to its listener in order on a dedicated (virtual) thread, so a slow listener never
 * blocks the backend's event thread or other watches. For {@link TopoConn} implementations.
 */
public final class WatchDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchDispatcher.class);

    private final String description;
    private final WatchListener listener;
    private final ExecutorService executor;
    private volatile boolean closed;

    public WatchDispatcher(String description, WatchListener listener) {
        this.description = requireNonNull(description, "description is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.executor = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("topo-watch " + description).factory());
    }

    public void changed(VersionedValue value) {
        requireNonNull(value, "value is null");
        submit(() -> listener.changed(value));
    }

    public void deleted() {
        submit(listener::deleted);
    }

    public void error(TopoException e) {
        requireNonNull(e, "e is null");
        submit(() -> listener.error(e));
    }

    private void submit(Runnable call) {
        if (closed) {
            return;
        }
        try {
            executor.execute(() -> {
                if (closed) {
                    return;
                }
                try {
                    call.run();
                } catch (RuntimeException e) {
                    log.warn("Topo watch listener for {} threw; the watch continues, fix the listener", description, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed concurrently: events after close are dropped by design
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdown();
    }
}
