package io.jvitess.tablet.vdiff;

import io.jvitess.common.errors.VtException;
import io.jvitess.tablet.vreplication.VReplicationEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The one thread that runs vdiffs, oldest pending first, while the VReplication engine is open. It looks
 * for work when woken by an action, when the engine opens (the tablet became primary: a vdiff that was
 * running when the tablet stopped is resumed) and every {@link #RESCAN}.
 */
final class VDiffWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VDiffWorker.class);
    private static final Duration RESCAN = Duration.ofSeconds(30);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

    /** The vdiff being run and how to interrupt it. */
    private record Running(long id, Cancellation cancellation, CountDownLatch done) {
    }

    private final VDiffStore store;
    private final StreamSynchronizer synchronizer;
    private final VReplicationEngine vreplication;
    private final int chunkRows;
    private final Object lock = new Object();
    private final Thread thread;
    private Running running;
    private boolean wakeUp;
    private boolean closed;

    VDiffWorker(String name, VDiffStore store, StreamSynchronizer synchronizer, VReplicationEngine vreplication, int chunkRows) {
        this.store = requireNonNull(store, "store is null");
        this.synchronizer = requireNonNull(synchronizer, "synchronizer is null");
        this.vreplication = requireNonNull(vreplication, "vreplication is null");
        this.chunkRows = chunkRows;
        this.thread = new Thread(this::work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Marks a pending or running vdiff stopped and waits until its run, if any, has let go of the streams.
     * False if the vdiff was neither pending nor running.
     */
    boolean interrupt(long id, Cancellation.Reason reason) {
        Running current;
        boolean stopped;
        synchronized (lock) {
            stopped = store.transition(id, Set.of(VDiffState.PENDING, VDiffState.STARTED), VDiffState.STOPPED, null);
            current = running != null && running.id() == id ? running : null;
            if (current != null) {
                current.cancellation().cancel(reason);
            }
        }
        if (current != null) {
            awaitQuietly(current.done());
        }
        return stopped;
    }

    void wake() {
        synchronized (lock) {
            wakeUp = true;
            lock.notifyAll();
        }
    }

    private void work() {
        boolean wasOpen = false;
        Instant nextScan = Instant.MIN;
        while (true) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
            }
            boolean open = vreplication.isOpen();
            boolean woken;
            synchronized (lock) {
                woken = wakeUp;
                wakeUp = false;
            }
            if (open && (woken || !wasOpen || Instant.now().isAfter(nextScan))) {
                try {
                    restoreAbandonedStreams();
                    runPending();
                    nextScan = Instant.now().plus(RESCAN);
                } catch (RuntimeException e) {
                    // e.g. the sidecar tables are not there yet: try again soon
                    log.warn("vdiff worker cannot run pending vdiffs yet: {}", e.getMessage());
                    nextScan = Instant.now().plusSeconds(2);
                }
            }
            wasOpen = open;
            synchronized (lock) {
                if (!wakeUp && !closed) {
                    try {
                        lock.wait(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** A run that ended without putting the streams back (the tablet died): put them back now. */
    private void restoreAbandonedStreams() {
        for (VDiffRecord record : store.holdingStreams()) {
            log.info("vdiff {}: restoring the streams of workflow {} held by an interrupted run", record.uuid(), record.workflow());
            synchronizer.restore(record.id(), HeldStreams.decode(record.streamStates().orElseThrow()));
        }
    }

    private void runPending() {
        while (vreplication.isOpen()) {
            Running current;
            VDiffRecord record;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                Optional<VDiffRecord> next = store.nextRunnable();
                if (next.isEmpty()) {
                    return;
                }
                record = next.get();
                current = new Running(record.id(), new Cancellation(), new CountDownLatch(1));
                running = current;
            }
            try {
                log.info("vdiff {} on workflow {} starts", record.uuid(), record.workflow());
                new DiffRun(record, store, synchronizer, chunkRows, current.cancellation()).run();
            } catch (Cancellation.CancelledException e) {
                // stop and delete set the state themselves; on shutdown the vdiff stays started and resumes
                log.info("vdiff {} interrupted: {}", record.uuid(), e.reason());
            } catch (RuntimeException e) {
                String message = e instanceof VtException ? e.getMessage() : e.toString();
                if (!vreplication.isOpen()) {
                    // The tablet stopped being primary: the vdiff stays started and resumes on the next primary.
                    log.info("vdiff {} interrupted: vreplication engine closed ({})", record.uuid(), message);
                    return;
                }
                log.warn("vdiff {} failed: {}", record.uuid(), message);
                store.transition(record.id(), Set.of(VDiffState.PENDING, VDiffState.STARTED), VDiffState.ERROR, message);
                store.log(record.id(), "Error: " + message);
            } finally {
                synchronized (lock) {
                    running = null;
                }
                current.done().countDown();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("vdiff run did not stop within {}", CANCEL_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Running current;
        synchronized (lock) {
            closed = true;
            current = running;
            if (current != null) {
                current.cancellation().cancel(Cancellation.Reason.SHUTDOWN);
            }
            lock.notifyAll();
        }
        if (current != null) {
            awaitQuietly(current.done());
        }
        try {
            thread.join(CANCEL_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
