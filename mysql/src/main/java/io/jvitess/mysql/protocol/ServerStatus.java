package io.jvitess.mysql.protocol;

/** Status bits the server reports in OK and EOF packets (MySQL's SERVER_STATUS_* constants). */
public final class ServerStatus {

    public static final int IN_TRANS = 0x0001;
    public static final int AUTOCOMMIT = 0x0002;
    public static final int MORE_RESULTS_EXISTS = 0x0008;
    public static final int NO_GOOD_INDEX_USED = 0x0010;
    public static final int NO_INDEX_USED = 0x0020;

    private ServerStatus() {
    }

    public static int of(boolean inTransaction, boolean autocommit, boolean moreResults) {
        return (inTransaction ? IN_TRANS : 0) | (autocommit ? AUTOCOMMIT : 0) | (moreResults ? MORE_RESULTS_EXISTS : 0);
    }
}
