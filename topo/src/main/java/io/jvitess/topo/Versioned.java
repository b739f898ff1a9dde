package io.jvitess.topo;

import static java.util.Objects.requireNonNull;

/** A decoded record and the version it was read at; pass the version back to update it with compare-and-set. */
public record Versioned<T>(T value, Version version) {

    public Versioned {
        requireNonNull(value, "value is null");
        requireNonNull(version, "version is null");
    }
}
