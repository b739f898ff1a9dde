package io.jvitess.topo.memory;

import java.util.concurrent.atomic.AtomicBoolean;

/** A held in-memory directory lock; closing it (again) is harmless. */
final class MemoryLock implements AutoCloseable {

    private final MemoryTree tree;
    private final String path;
    private final String contents;
    private final MemoryTopoConn owner;
    private final AtomicBoolean released = new AtomicBoolean();

    MemoryLock(MemoryTree tree, String path, String contents, MemoryTopoConn owner) {
        this.tree = tree;
        this.path = path;
        this.contents = contents;
        this.owner = owner;
    }

    String path() {
        return path;
    }

    String contents() {
        return contents;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            tree.release(this);
            owner.forget(this);
        }
    }
}
