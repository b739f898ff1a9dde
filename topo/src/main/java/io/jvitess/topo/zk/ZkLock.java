package io.jvitess.topo.zk;

import java.util.concurrent.atomic.AtomicBoolean;

/** A held ZooKeeper lock: the ephemeral-sequential node that is first in its directory's {@code locks} child. */
final class ZkLock implements AutoCloseable {

    private final ZkTopoConn conn;
    private final String nodePath;
    private final String locksDir;
    private final AtomicBoolean released = new AtomicBoolean();

    ZkLock(ZkTopoConn conn, String nodePath, String locksDir) {
        this.conn = conn;
        this.nodePath = nodePath;
        this.locksDir = locksDir;
    }

    String nodePath() {
        return nodePath;
    }

    String locksDir() {
        return locksDir;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            conn.release(this);
        }
    }

    @Override
    public String toString() {
        return "ZkLock[" + nodePath + "]";
    }
}
