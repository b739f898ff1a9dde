package io.jvitess.topo.memory;

import io.jvitess.topo.TopoConn;
import io.jvitess.topo.TopoPaths;
import io.jvitess.topo.Version;
import io.jvitess.topo.VersionedValue;
import io.jvitess.topo.Watch;
import io.jvitess.topo.WatchDispatcher;
import io.jvitess.topo.WatchListener;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/** A connection to one root of a {@link MemoryTree}; closing it releases its locks, like a ZooKeeper session ending. */
final class MemoryTopoConn implements TopoConn {

    private final MemoryTree tree;
    private final String root;
    private final Set<MemoryLock> locks = ConcurrentHashMap.newKeySet();
    private final Set<MemoryWatch> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    MemoryTopoConn(MemoryTree tree, String root) {
        this.tree = tree;
        this.root = TopoPaths.root(root);
    }

    @Override
    public List<String> listDir(String dirPath) {
        return tree.listDir(absolute(TopoPaths.relative(dirPath)));
    }

    @Override
    public Version create(String filePath, byte[] contents) {
        requireNonNull(contents, "contents is null");
        return tree.create(absolute(TopoPaths.file(filePath)), contents);
    }

    @Override
    public Version update(String filePath, byte[] contents, Version version) {
        requireNonNull(contents, "contents is null");
        return tree.update(absolute(TopoPaths.file(filePath)), contents, version);
    }

    @Override
    public VersionedValue get(String filePath) {
        return tree.get(absolute(TopoPaths.file(filePath)));
    }

    @Override
    public void delete(String filePath, Version version) {
        tree.delete(absolute(TopoPaths.file(filePath)), version, absolute(""));
    }

    @Override
    public void deleteRecursive(String dirPath) {
        tree.deleteRecursive(absolute(TopoPaths.file(dirPath)), absolute(""));
    }

    @Override
    public AutoCloseable lock(String dirPath, String contents, Duration timeout) {
        requireNonNull(contents, "contents is null");
        requireNonNull(timeout, "timeout is null");
        MemoryLock lock = tree.lock(absolute(TopoPaths.file(dirPath)), contents, timeout, this);
        locks.add(lock);
        if (closed) {
            lock.close();
            throw new IllegalStateException("topo connection is closed");
        }
        return lock;
    }

    @Override
    public Watch watch(String filePath, WatchListener listener) {
        requireNonNull(listener, "listener is null");
        String path = absolute(TopoPaths.file(filePath));
        WatchDispatcher dispatcher = new WatchDispatcher(path, listener);
        MemoryWatch watch;
        try {
            watch = tree.watch(path, dispatcher, this);
        } catch (RuntimeException e) {
            dispatcher.close();
            throw e;
        }
        watches.add(watch);
        return watch;
    }

    void forget(MemoryLock lock) {
        locks.remove(lock);
    }

    void forget(MemoryWatch watch) {
        watches.remove(watch);
    }

    @Override
    public void close() {
        closed = true;
        List.copyOf(locks).forEach(MemoryLock::close);
        List.copyOf(watches).forEach(MemoryWatch::close);
    }

    private String absolute(String relative) {
        checkOpen();
        return TopoPaths.absolute(root, relative);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("topo connection is closed");
        }
    }

    @Override
    public String toString() {
        return "MemoryTopoConn[" + (root.isEmpty() ? "/" : root) + "]";
    }
}
