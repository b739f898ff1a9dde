package io.jvitess.mysqlctl;

/**
 * A mysqld lifecycle step failed (install, start, user setup, shutdown, extraction).
 * The message names the tablet and points at the log file an operator should read.
 */
public class MysqlctlException extends RuntimeException {

    public MysqlctlException(String message) {
        super(message);
    }

    public MysqlctlException(String message, Throwable cause) {
        super(message, cause);
    }
}
