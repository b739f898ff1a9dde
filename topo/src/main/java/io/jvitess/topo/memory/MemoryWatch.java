package io.jvitess.topo.memory;

import io.jvitess.topo.VersionedValue;
import io.jvitess.topo.Watch;
import io.jvitess.topo.WatchDispatcher;

import java.util.concurrent.atomic.AtomicBoolean;

/** A watch on one in-memory file; the tree pushes events to its dispatcher while holding the tree mutex, so in order. */
final class MemoryWatch implements Watch {

    private final MemoryTree tree;
    private final String path;
    private final VersionedValue initial;
    private final WatchDispatcher dispatcher;
    private final MemoryTopoConn owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    MemoryWatch(MemoryTree tree, String path, VersionedValue initial, WatchDispatcher dispatcher, MemoryTopoConn owner) {
        this.tree = tree;
        this.path = path;
        this.initial = initial;
        this.dispatcher = dispatcher;
        this.owner = owner;
    }

    String path() {
        return path;
    }

    WatchDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public VersionedValue initial() {
        return initial;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            tree.unwatch(this);
            dispatcher.close();
            owner.forget(this);
        }
    }
}
