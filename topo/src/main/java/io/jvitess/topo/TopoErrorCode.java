package io.jvitess.topo;

/** Why a topology operation failed; mirrors the error kinds of Vitess's topo package. */
public enum TopoErrorCode {
    NO_NODE,
    NODE_EXISTS,
    NODE_NOT_EMPTY,
    BAD_VERSION,
    TIMEOUT,
    INTERRUPTED,
    NO_IMPLEMENTATION,
    INVALID_ARGUMENT
}
