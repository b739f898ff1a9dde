package io.jvitess.topo;

/** A running watch on one file; closing it stops further listener calls. */
public interface Watch extends AutoCloseable {

    /** The file's value when the watch was established. */
    VersionedValue initial();

    @Override
    void close();
}
