package io.jvitess.topo;

import static java.util.Objects.requireNonNull;

/** A failed topology operation; callers branch on {@link #code()}, e.g. treat {@code NO_NODE} as "absent". */
public final class TopoException extends RuntimeException {

    private final TopoErrorCode code;

    public TopoException(TopoErrorCode code, String message) {
        this(code, message, null);
    }

    public TopoException(TopoErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
    }

    public TopoErrorCode code() {
        return code;
    }

    public boolean is(TopoErrorCode code) {
        return this.code == code;
    }

    @Override
    public String toString() {
        return "TopoException[" + code + "]: " + getMessage();
    }
}
