package io.jvitess.tablet.sequence;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * The block of one sequence this tablet has reserved: values {@code [nextValue, lastValue)} are
 * its to hand out without touching MySQL. Both start at 0, which forces a refill on first use.
 */
final class SequenceState {

    private static final Logger log = LoggerFactory.getLogger(SequenceState.class);

    /** Reads the sequence row under a lock, lets the state decide the new next_id, and writes it. */
    @FunctionalInterface
    interface Refill {
        long run(ToLongFunction<SequenceRow> advance);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private long nextValue;
    private long lastValue;

    /** Reserves {@code count} values and returns the first; refills from the table when the block is too small. */
    long reserve(NextValuesRequest request, Refill refill) {
        long count = request.count();
        lock.lock();
        try {
            if (nextValue == 0 || exceeds(nextValue, count, lastValue)) {
                lastValue = refill.run(row -> advance(request, row));
            }
            long first = nextValue;
            nextValue = first + count;
            return first;
        } finally {
            lock.unlock();
        }
    }

    /** Vitess's refill arithmetic: adopt the row's next_id unless it went backwards, then grow by whole caches. */
    private long advance(NextValuesRequest request, SequenceRow row) {
        long nextId = row.nextId();
        if (lastValue != nextId) {
            if (nextId < lastValue) {
                log.warn("sequence {}: next_id {} is below the {} this tablet already reserved; continuing from {}",
                        request.displayName(), nextId, lastValue, lastValue);
                nextId = lastValue;
            }
            nextValue = nextId;
            lastValue = nextId;
        }
        if (row.cache() < 1) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid cache value for sequence %s: %d", request.displayName(), row.cache());
        }
        long wanted = addOrFail(nextValue, request.count(), request);
        long newLast = addOrFail(nextId, row.cache(), request);
        if (newLast < wanted) {
            // Whole caches only, as Vitess does: the smallest multiple that covers the request.
            long missingCaches = (wanted - newLast + row.cache() - 1) / row.cache();
            newLast = addOrFail(newLast, Math.multiplyExact(missingCaches, row.cache()), request);
        }
        return newLast;
    }

    private static boolean exceeds(long nextValue, long count, long lastValue) {
        return nextValue > lastValue - count;
    }

    private static long addOrFail(long left, long right, NextValuesRequest request) {
        try {
            return Math.addExact(left, right);
        } catch (ArithmeticException overflow) {
            throw VtException.of(VtCode.OUT_OF_RANGE, "sequence %s is exhausted: %d + %d overflows a BIGINT", request.displayName(), left, right);
        }
    }
}
