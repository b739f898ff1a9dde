package io.jvitess.common.errors;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type jvitess raises for errors a client or operator should see.
 * It carries a canonical {@link VtCode} (what kind of failure) and the MySQL errno/SQLSTATE the
 * wire layer will put in the ERR packet. Callers branch on the code, never on the message.
 */
public class VtException extends RuntimeException {

    private final VtCode code;
    private final SqlState sqlState;

    public VtException(VtCode code, SqlState sqlState, String message) {
        this(code, sqlState, message, null);
    }

    public VtException(VtCode code, SqlState sqlState, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
    }

    /** An error with the default MySQL mapping for its code. */
    public static VtException of(VtCode code, String format, Object... arguments) {
        return new VtException(code, SqlState.forCode(code), arguments.length == 0 ? format : String.format(format, arguments));
    }

    /** An error with an explicit MySQL state, e.g. unknown database. */
    public static VtException of(VtCode code, SqlState sqlState, String format, Object... arguments) {
        return new VtException(code, sqlState, arguments.length == 0 ? format : String.format(format, arguments));
    }

    public VtCode code() {
        return code;
    }

    public SqlState sqlState() {
        return sqlState;
    }

    public int errno() {
        return sqlState.errno();
    }

    /** The same error with a prefix naming where it happened, e.g. {@code target: commerce.0.primary: }. */
    public VtException withPrefix(String prefix) {
        return new VtException(code, sqlState, prefix + getMessage(), this);
    }
}
