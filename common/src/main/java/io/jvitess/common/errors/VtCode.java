package io.jvitess.common.errors;

/**
 * Canonical error codes, the same set Vitess uses (gRPC's codes plus CLUSTER_EVENT and READ_ONLY).
 * The numbers match gRPC status codes so they survive a trip across process boundaries unchanged.
 */
public enum VtCode {
    OK(0),
    CANCELED(1),
    UNKNOWN(2),
    INVALID_ARGUMENT(3),
    DEADLINE_EXCEEDED(4),
    NOT_FOUND(5),
    ALREADY_EXISTS(6),
    PERMISSION_DENIED(7),
    RESOURCE_EXHAUSTED(8),
    FAILED_PRECONDITION(9),
    ABORTED(10),
    OUT_OF_RANGE(11),
    UNIMPLEMENTED(12),
    INTERNAL(13),
    UNAVAILABLE(14),
    DATA_LOSS(15),
    UNAUTHENTICATED(16),
    /** A cluster event such as a reparent is under way; vtgate may buffer and retry. */
    CLUSTER_EVENT(17),
    READ_ONLY(18);

    private final int number;

    VtCode(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static VtCode fromNumber(int number) {
        for (VtCode code : values()) {
            if (code.number == number) {
                return code;
            }
        }
        return UNKNOWN;
    }
}
