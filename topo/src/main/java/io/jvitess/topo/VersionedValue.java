package io.jvitess.topo;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/** The raw contents of a file and the version they were read at. Copies the array so the value stays immutable. */
public record VersionedValue(byte[] contents, Version version) {

    public VersionedValue {
        contents = requireNonNull(contents, "contents is null").clone();
        requireNonNull(version, "version is null");
    }

    @Override
    public byte[] contents() {
        return contents.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionedValue that && version.equals(that.version) && Arrays.equals(contents, that.contents);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(contents) + version.hashCode();
    }

    @Override
    public String toString() {
        return "VersionedValue[" + contents.length + " bytes, " + version + "]";
    }
}
