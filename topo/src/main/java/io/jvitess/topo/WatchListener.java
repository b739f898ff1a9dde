package io.jvitess.topo;

/**
 * Receives changes of a watched file, in order, on a background thread. A watch lives until closed: after
 * {@link #deleted()} it reports the file again via {@link #changed} if it is re-created.
 */
public interface WatchListener {

    void changed(VersionedValue value);

    void deleted();

    /** The watch could not observe the file for a while (e.g. lost ZooKeeper session); it keeps trying. */
    default void error(TopoException e) {
    }
}
