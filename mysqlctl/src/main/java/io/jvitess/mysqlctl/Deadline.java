package io.jvitess.mysqlctl;

import java.time.Duration;

/** A point in time that several steps of one lifecycle call share, so the caller's timeout bounds them all. */
record Deadline(long endNanos, Duration timeout) {

    static Deadline after(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    boolean expired() {
        return System.nanoTime() - endNanos >= 0;
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MysqlctlException("Interrupted while waiting for mysqld", e);
        }
    }
}
