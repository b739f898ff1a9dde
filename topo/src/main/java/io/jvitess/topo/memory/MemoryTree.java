package io.jvitess.topo.memory;

import io.jvitess.topo.TopoErrorCode;
import io.jvitess.topo.TopoException;
import io.jvitess.topo.Version;
import io.jvitess.topo.VersionedValue;
import io.jvitess.topo.WatchDispatcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One in-memory tree shaped like ZooKeeper's: every node has contents (directories have none) and may have children.
 * All access goes through one mutex; versions come from a tree-wide counter so a re-created file never reuses one.
 */
final class MemoryTree {

    private static final byte[] EMPTY = new byte[0];

    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition lockReleased = mutex.newCondition();
    private final Node root = new Node(null, "", "/", EMPTY, 0);
    private final Map<String, MemoryLock> locks = new HashMap<>();
    private final Map<String, Set<MemoryWatch>> watches = new HashMap<>();
    private long lastVersion;

    List<String> listDir(String path) {
        mutex.lock();
        try {
            return List.copyOf(existing(path).children.keySet());
        } finally {
            mutex.unlock();
        }
    }

    Version create(String path, byte[] contents) {
        mutex.lock();
        try {
            if (find(path) != null) {
                throw new TopoException(TopoErrorCode.NODE_EXISTS, "node already exists: " + path);
            }
            return new Version(createWithParents(path, contents).version);
        } finally {
            mutex.unlock();
        }
    }

    Version update(String path, byte[] contents, Version version) {
        mutex.lock();
        try {
            Node node = find(path);
            if (node == null) {
                if (version != null) {
                    throw new TopoException(TopoErrorCode.NO_NODE, "node doesn't exist: " + path);
                }
                return new Version(createWithParents(path, contents).version);
            }
            checkVersion(node, version);
            node.contents = contents.clone();
            node.version = ++lastVersion;
            notifyChanged(node);
            return new Version(node.version);
        } finally {
            mutex.unlock();
        }
    }

    VersionedValue get(String path) {
        mutex.lock();
        try {
            Node node = existing(path);
            return new VersionedValue(node.contents, new Version(node.version));
        } finally {
            mutex.unlock();
        }
    }

    void delete(String path, Version version, String connRoot) {
        mutex.lock();
        try {
            Node node = existing(path);
            checkVersion(node, version);
            if (!node.children.isEmpty()) {
                throw new TopoException(TopoErrorCode.NODE_NOT_EMPTY, "node has children: " + path);
            }
            remove(node);
            removeEmptyParents(node.parent, connRoot);
        } finally {
            mutex.unlock();
        }
    }

    void deleteRecursive(String path, String connRoot) {
        mutex.lock();
        try {
            Node node = find(path);
            if (node == null) {
                return;
            }
            remove(node);
            removeEmptyParents(node.parent, connRoot);
        } finally {
            mutex.unlock();
        }
    }

    MemoryLock lock(String path, String contents, Duration timeout, MemoryTopoConn owner) {
        long deadline = System.nanoTime() + timeout.toNanos();
        mutex.lock();
        try {
            existing(path);
            while (locks.containsKey(path)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new TopoException(TopoErrorCode.TIMEOUT, "timed out after " + timeout + " waiting for lock on "
                            + path + ", held by: " + locks.get(path).contents());
                }
                try {
                    lockReleased.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TopoException(TopoErrorCode.INTERRUPTED, "interrupted while waiting for lock on " + path, e);
                }
            }
            MemoryLock lock = new MemoryLock(this, path, contents, owner);
            locks.put(path, lock);
            return lock;
        } finally {
            mutex.unlock();
        }
    }

    void release(MemoryLock lock) {
        mutex.lock();
        try {
            if (locks.remove(lock.path(), lock)) {
                lockReleased.signalAll();
            }
        } finally {
            mutex.unlock();
        }
    }

    MemoryWatch watch(String path, WatchDispatcher dispatcher, MemoryTopoConn owner) {
        mutex.lock();
        try {
            Node node = existing(path);
            MemoryWatch watch = new MemoryWatch(this, path, new VersionedValue(node.contents, new Version(node.version)),
                    dispatcher, owner);
            watches.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(watch);
            return watch;
        } finally {
            mutex.unlock();
        }
    }

    void unwatch(MemoryWatch watch) {
        mutex.lock();
        try {
            Set<MemoryWatch> set = watches.get(watch.path());
            if (set != null && set.remove(watch) && set.isEmpty()) {
                watches.remove(watch.path());
            }
        } finally {
            mutex.unlock();
        }
    }

    private Node createWithParents(String path, byte[] contents) {
        Node node = root;
        String[] segments = segments(path);
        for (int i = 0; i < segments.length; i++) {
            Node child = node.children.get(segments[i]);
            boolean last = i == segments.length - 1;
            if (child == null) {
                String childPath = node == root ? "/" + segments[i] : node.path + "/" + segments[i];
                child = new Node(node, segments[i], childPath, last ? contents.clone() : EMPTY, ++lastVersion);
                node.children.put(segments[i], child);
                notifyChanged(child);
            }
            node = child;
        }
        return node;
    }

    private void remove(Node node) {
        node.parent.children.remove(node.name);
        notifyDeletedSubtree(node);
    }

    /**
     * Like Vitess: a directory exists only while it has children, so deleted keyspaces vanish from listings. A node
     * with contents is a file, never an implicit directory.
     */
    private void removeEmptyParents(Node parent, String connRoot) {
        Node node = parent;
        while (node != root && node.path.length() > connRoot.length() && node.children.isEmpty()
                && node.contents.length == 0) {
            remove(node);
            node = node.parent;
        }
    }

    private void checkVersion(Node node, Version version) {
        if (version != null && version.value() != node.version) {
            throw new TopoException(TopoErrorCode.BAD_VERSION,
                    "bad version for " + node.path + ": expected " + version.value() + ", stored " + node.version);
        }
    }

    private void notifyChanged(Node node) {
        Set<MemoryWatch> set = watches.get(node.path);
        if (set != null) {
            VersionedValue value = new VersionedValue(node.contents, new Version(node.version));
            set.forEach(watch -> watch.dispatcher().changed(value));
        }
    }

    private void notifyDeletedSubtree(Node node) {
        List<Node> pending = new ArrayList<>(List.of(node));
        while (!pending.isEmpty()) {
            Node next = pending.removeLast();
            pending.addAll(next.children.values());
            Set<MemoryWatch> set = watches.get(next.path);
            if (set != null) {
                set.forEach(watch -> watch.dispatcher().deleted());
            }
        }
    }

    private Node existing(String path) {
        Node node = find(path);
        if (node == null) {
            throw new TopoException(TopoErrorCode.NO_NODE, "node doesn't exist: " + path);
        }
        return node;
    }

    private Node find(String path) {
        Node node = root;
        for (String segment : segments(path)) {
            node = node.children.get(segment);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static String[] segments(String path) {
        return path.equals("/") ? new String[0] : path.substring(1).split("/");
    }

    private static final class Node {
        final Node parent;
        final String name;
        final String path;
        final TreeMap<String, Node> children = new TreeMap<>();
        byte[] contents;
        long version;

        Node(Node parent, String name, String path, byte[] contents, long version) {
            this.parent = parent;
            this.name = name;
            this.path = path;
            this.contents = contents;
            this.version = version;
        }
    }
}
