package io.jvitess.tablet.queryservice;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Orders statements against changes of what the tablet admits (denied tables, query service). A statement is admitted
 * and runs under the shared lock; a restricting change takes the exclusive lock, so it applies only after every
 * statement admitted under the old rules has finished, and statements arriving meanwhile wait and then see the new
 * rules. This is what makes a traffic switch lossless: once RefreshState returns, no write the source accepted can
 * still commit after vtctld reads the source position. Open transactions cannot be waited for (their next statements
 * would queue behind the change), so they are rolled back, as Vitess does when a tablet stops serving.
 */
public final class AdmissionGate {

    private static final Logger log = LoggerFactory.getLogger(AdmissionGate.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Runnable rollbackOpenTransactions;
    private final Duration drainTimeout;

    public AdmissionGate(Runnable rollbackOpenTransactions, Duration drainTimeout) {
        this.rollbackOpenTransactions = requireNonNull(rollbackOpenTransactions, "rollbackOpenTransactions is null");
        this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout is null");
    }

    /** Runs a statement's admission check and the statement itself. */
    public <T> T admit(Supplier<T> statement) {
        lock.readLock().lock();
        try {
            return statement.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Applies a restricting change once the statements in flight have drained, then ends open transactions. */
    public void restrict(Runnable change) {
        boolean drained = false;
        try {
            drained = lock.writeLock().tryLock(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!drained) {
                log.warn("statements still running after {} ms; applying the tablet control change without waiting for them",
                        drainTimeout.toMillis());
            }
            change.run();
        } finally {
            if (drained) {
                lock.writeLock().unlock();
            }
        }
        rollbackOpenTransactions.run();
    }
}
