package io.jvitess.topo.zk;

import io.jvitess.topo.TopoConn;
import io.jvitess.topo.TopoErrorCode;
import io.jvitess.topo.TopoException;
import io.jvitess.topo.TopoPaths;
import io.jvitess.topo.Version;
import io.jvitess.topo.VersionedValue;
import io.jvitess.topo.Watch;
import io.jvitess.topo.WatchDispatcher;
import io.jvitess.topo.WatchListener;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A {@link TopoConn} on one root of a ZooKeeper ensemble, sharing the factory's Curator client (one session per
 * address). Files and directories are plain persistent nodes; locks are ephemeral-sequential nodes in a
 * {@code locks} child of the locked directory, so a crashed holder's lock ends with its session.
 */
final class ZkTopoConn implements TopoConn {

    private static final Logger log = LoggerFactory.getLogger(ZkTopoConn.class);
    private static final byte[] EMPTY = new byte[0];
    private static final String LOCKS_DIR = "locks";
    private static final String LOCK_PREFIX = "lock-";
    private static final int SEQUENCE_DIGITS = 10;
    private static final int CREATE_ATTEMPTS = 5;

    private final CuratorFramework client;
    private final String serverAddress;
    private final String root;
    private final Set<ZkLock> locks = ConcurrentHashMap.newKeySet();
    private final Set<ZkWatch> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ZkTopoConn(CuratorFramework client, String serverAddress, String root) {
        this.client = requireNonNull(client, "client is null");
        this.serverAddress = requireNonNull(serverAddress, "serverAddress is null");
        this.root = TopoPaths.root(root);
    }

    @Override
    public List<String> listDir(String dirPath) {
        String path = zkPath(TopoPaths.relative(dirPath));
        return run(path, () -> {
            List<String> children = new ArrayList<>(client.getChildren().forPath(path));
            children.sort(Comparator.naturalOrder());
            return List.copyOf(children);
        });
    }

    @Override
    public Version create(String filePath, byte[] contents) {
        requireNonNull(contents, "contents is null");
        String path = zkPath(TopoPaths.file(filePath));
        return run(path, () -> createWithParents(path, contents));
    }

    @Override
    public Version update(String filePath, byte[] contents, Version version) {
        requireNonNull(contents, "contents is null");
        String path = zkPath(TopoPaths.file(filePath));
        if (version != null) {
            return run(path, () -> new Version(client.setData().withVersion(zkVersion(version, path)).forPath(path, contents).getVersion()));
        }
        return run(path, () -> {
            while (true) {
                try {
                    return new Version(client.setData().forPath(path, contents).getVersion());
                } catch (KeeperException.NoNodeException missing) {
                    try {
                        return createWithParents(path, contents);
                    } catch (KeeperException.NodeExistsException raced) {
                        // created concurrently: overwrite it on the next pass
                    }
                }
            }
        });
    }

    @Override
    public VersionedValue get(String filePath) {
        String path = zkPath(TopoPaths.file(filePath));
        return run(path, () -> {
            Stat stat = new Stat();
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            return new VersionedValue(data == null ? EMPTY : data, new Version(stat.getVersion()));
        });
    }

    @Override
    public void delete(String filePath, Version version) {
        String relative = TopoPaths.file(filePath);
        String path = zkPath(relative);
        run(path, () -> {
            client.delete().withVersion(version == null ? -1 : zkVersion(version, path)).forPath(path);
            return null;
        });
        removeEmptyParents(TopoPaths.parent(relative));
    }

    @Override
    public void deleteRecursive(String dirPath) {
        String relative = TopoPaths.file(dirPath);
        String path = zkPath(relative);
        boolean deleted = run(path, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.delete().deletingChildrenIfNeeded().forPath(path);
                    return true;
                } catch (KeeperException.NoNodeException missing) {
                    return false;
                } catch (KeeperException.NotEmptyException raced) {
                    // a child was created while deleting; try again a few times before giving up
                    if (attempt >= CREATE_ATTEMPTS) {
                        throw raced;
                    }
                }
            }
        });
        if (deleted) {
            removeEmptyParents(TopoPaths.parent(relative));
        }
    }

    @Override
    public AutoCloseable lock(String dirPath, String contents, Duration timeout) {
        requireNonNull(contents, "contents is null");
        requireNonNull(timeout, "timeout is null");
        String dirRelative = TopoPaths.file(dirPath);
        String dir = zkPath(dirRelative);
        String locksRelative = dirRelative + "/" + LOCKS_DIR;
        String locksDir = zkPath(locksRelative);
        long deadline = System.nanoTime() + timeout.toNanos();
        String nodePath = run(locksDir, () -> createLockNode(dir, locksDir, contents.getBytes(StandardCharsets.UTF_8), deadline));
        try {
            run(dir, () -> {
                awaitTurn(dir, locksDir, nodePath, deadline, timeout);
                return null;
            });
        } catch (RuntimeException e) {
            deleteLockNode(nodePath);
            removeEmptyParents(locksRelative);
            throw e;
        }
        ZkLock lock = new ZkLock(this, nodePath, locksRelative);
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
        String path = zkPath(TopoPaths.file(filePath));
        Stat stat = new Stat();
        byte[] data = run(path, () -> client.getData().storingStatIn(stat).forPath(path));
        ZkWatch watch = new ZkWatch(client, path, data, stat, new WatchDispatcher(path, listener), this);
        watches.add(watch);
        try {
            watch.start();
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
        return watch;
    }

    @Override
    public void close() {
        closed = true;
        List.copyOf(locks).forEach(ZkLock::close);
        List.copyOf(watches).forEach(ZkWatch::close);
    }

    void forget(ZkWatch watch) {
        watches.remove(watch);
    }

    void release(ZkLock lock) {
        locks.remove(lock);
        if (deleteLockNode(lock.nodePath())) {
            removeEmptyParents(lock.locksDir());
        }
    }

    private Version createWithParents(String path, byte[] contents) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                Stat stat = new Stat();
                client.create().creatingParentsIfNeeded().storingStatIn(stat).forPath(path, contents);
                return new Version(stat.getVersion());
            } catch (KeeperException.NoNodeException raced) {
                // a concurrent delete removed a parent directory we had just created
                if (attempt >= CREATE_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private String createLockNode(String dir, String locksDir, byte[] contents, long deadline) throws Exception {
        while (true) {
            try {
                // protection lets Curator find our node again if the create succeeded but its reply was lost
                return client.create().withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                        .forPath(locksDir + "/" + LOCK_PREFIX, contents);
            } catch (KeeperException.NoNodeException missing) {
                if (client.checkExists().forPath(dir) == null) {
                    throw new TopoException(TopoErrorCode.NO_NODE, "cannot lock " + dir + ": it does not exist");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new TopoException(TopoErrorCode.TIMEOUT, "timed out creating lock node in " + locksDir);
                }
                try {
                    client.create().forPath(locksDir, EMPTY);
                } catch (KeeperException.NodeExistsException ignored) {
                    // another contender created it
                }
            }
        }
    }

    /** The classic ZooKeeper lock recipe: wait for the deletion of the contender just ahead of us. */
    private void awaitTurn(String dir, String locksDir, String nodePath, long deadline, Duration timeout) throws Exception {
        String ourName = ZKPaths.getNodeFromPath(nodePath);
        while (true) {
            List<String> contenders = contenders(client.getChildren().forPath(locksDir));
            int index = contenders.indexOf(ourName);
            if (index < 0) {
                throw new TopoException(TopoErrorCode.TIMEOUT,
                        "lock node " + nodePath + " vanished while waiting (ZooKeeper session expired or directory deleted)");
            }
            if (index == 0) {
                return;
            }
            CountDownLatch gone = new CountDownLatch(1);
            Stat predecessor = client.checkExists()
                    .usingWatcher((Watcher) event -> gone.countDown())
                    .forPath(locksDir + "/" + contenders.get(index - 1));
            if (predecessor == null) {
                continue;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !gone.await(remaining, TimeUnit.NANOSECONDS)) {
                throw new TopoException(TopoErrorCode.TIMEOUT, "timed out after " + timeout + " waiting for lock on "
                        + dir + ", held by: " + holder(locksDir, contenders.getFirst()));
            }
        }
    }

    private String holder(String locksDir, String node) {
        try {
            return new String(client.getData().forPath(locksDir + "/" + node), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "(unknown: " + e + ")";
        }
    }

    /** Lock nodes in queue order; protection prefixes differ per node, so order by the sequence suffix. */
    private static List<String> contenders(List<String> children) {
        return children.stream()
                .filter(name -> name.contains(LOCK_PREFIX) && name.length() > SEQUENCE_DIGITS)
                .sorted(Comparator.comparing((String name) -> name.substring(name.length() - SEQUENCE_DIGITS))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** Returns false if the node could not be deleted now; Curator then keeps retrying in the background. */
    private boolean deleteLockNode(String nodePath) {
        // an interrupted thread must still release: a leftover node would block everyone until the session ends
        boolean interrupted = Thread.interrupted();
        try {
            client.delete().guaranteed().forPath(nodePath);
            return true;
        } catch (KeeperException.NoNodeException gone) {
            return true;
        } catch (Exception e) {
            log.warn("Could not release topo lock {} on ZooKeeper {}: {}; Curator retries in the background and the lock "
                    + "ends with the session at the latest", nodePath, serverAddress, e.toString());
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Removes directories left empty, walking up to (not including) the root, like Vitess, so deleted keyspaces and
     * shards vanish from listings. Best effort: the delete that caused it already succeeded.
     */
    private void removeEmptyParents(String relative) {
        boolean interrupted = Thread.interrupted();
        try {
            for (String dir = relative; !dir.isEmpty(); dir = TopoPaths.parent(dir)) {
                String path = zkPath(dir);
                try {
                    Stat stat = client.checkExists().forPath(path);
                    // a node with contents is a file, never an implicit directory
                    if (stat == null || stat.getNumChildren() > 0 || stat.getDataLength() > 0) {
                        return;
                    }
                    client.delete().withVersion(stat.getVersion()).forPath(path);
                } catch (KeeperException.NotEmptyException | KeeperException.NoNodeException | KeeperException.BadVersionException raced) {
                    return;
                } catch (Exception e) {
                    log.warn("Could not remove empty topo directory {} on ZooKeeper {}: {}; it stays listed until removed",
                            path, serverAddress, e.toString());
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String zkPath(String relative) {
        return TopoPaths.absolute(root, relative);
    }

    private static int zkVersion(Version version, String path) {
        // ZooKeeper treats -1 as "any version"; never let a caller's value turn into an unconditional write
        if (version.value() < 0 || version.value() > Integer.MAX_VALUE) {
            throw new TopoException(TopoErrorCode.BAD_VERSION, "bad node version " + version.value() + " for " + path);
        }
        return (int) version.value();
    }

    private <T> T run(String path, ZkCall<T> call) {
        if (closed) {
            throw new IllegalStateException("topo connection is closed");
        }
        try {
            return call.call();
        } catch (Exception e) {
            throw ZkErrors.convert(e, path);
        }
    }

    @FunctionalInterface
    private interface ZkCall<T> {
        T call() throws Exception;
    }

    @Override
    public String toString() {
        return "ZkTopoConn[" + serverAddress + (root.isEmpty() ? "/" : root) + "]";
    }
}
