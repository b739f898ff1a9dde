package io.jvitess.tablet.vdiff;

/** Lets an action or the tablet's shutdown interrupt a running vdiff at the next row or poll. */
final class Cancellation {

    /** Why a run was interrupted; decides which state the vdiff is left in. */
    enum Reason { STOP, DELETE, SHUTDOWN }

    /** Thrown inside a run once it is cancelled. */
    static final class CancelledException extends RuntimeException {
        private final Reason reason;

        CancelledException(Reason reason) {
            super("vdiff cancelled: " + reason, null, false, false);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }

    private volatile Reason reason;

    void cancel(Reason why) {
        if (reason == null) {
            reason = why;
        }
    }

    void check() {
        Reason current = reason;
        if (current != null) {
            throw new CancelledException(current);
        }
    }
}
