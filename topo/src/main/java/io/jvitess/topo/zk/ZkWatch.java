package io.jvitess.topo.zk;

import io.jvitess.topo.TopoErrorCode;
import io.jvitess.topo.TopoException;
import io.jvitess.topo.Version;
import io.jvitess.topo.VersionedValue;
import io.jvitess.topo.Watch;
import io.jvitess.topo.WatchDispatcher;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A watch on one ZooKeeper node through a single-node {@link CuratorCache}, which re-arms itself across reconnects.
 * Events are de-duplicated by modification zxid, which grows with every change, so the cache's initial load and
 * replays after a reconnect never report a value twice or out of order.
 */
final class ZkWatch implements Watch, CuratorCacheListener {

    private static final Logger log = LoggerFactory.getLogger(ZkWatch.class);
    private static final byte[] EMPTY = new byte[0];

    private final CuratorFramework client;
    private final String path;
    private final VersionedValue initial;
    private final WatchDispatcher dispatcher;
    private final ZkTopoConn owner;
    private final CuratorCache cache;
    private final ConnectionStateListener stateListener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long lastMzxid;
    private boolean exists = true;

    ZkWatch(CuratorFramework client, String path, byte[] data, Stat stat, WatchDispatcher dispatcher, ZkTopoConn owner) {
        this.client = client;
        this.path = path;
        this.initial = new VersionedValue(data == null ? EMPTY : data, new Version(stat.getVersion()));
        this.lastMzxid = stat.getMzxid();
        this.dispatcher = dispatcher;
        this.owner = owner;
        this.cache = CuratorCache.builder(client, path)
                .withOptions(CuratorCache.Options.SINGLE_NODE_CACHE)
                .withExceptionHandler(e -> log.warn("ZooKeeper watch on {} failed to refresh; it retries on the next event", path, e))
                .build();
        this.stateListener = (ignored, state) -> {
            if (state == ConnectionState.LOST) {
                dispatcher.error(new TopoException(TopoErrorCode.TIMEOUT,
                        "lost ZooKeeper session while watching " + path + "; the watch resumes after reconnecting"));
            }
        };
    }

    void start() {
        cache.listenable().addListener(this);
        client.getConnectionStateListenable().addListener(stateListener);
        cache.start();
    }

    @Override
    public synchronized void event(Type type, ChildData oldData, ChildData data) {
        switch (type) {
            case NODE_CREATED, NODE_CHANGED -> changed(data);
            case NODE_DELETED -> deleted();
        }
    }

    @Override
    public synchronized void initialized() {
        // the node may have been deleted between the initial read and the cache's first load
        if (cache.get(path).isEmpty()) {
            deleted();
        }
    }

    private void changed(ChildData data) {
        Stat stat = data.getStat();
        if (stat.getMzxid() <= lastMzxid) {
            return;
        }
        lastMzxid = stat.getMzxid();
        exists = true;
        byte[] contents = data.getData();
        dispatcher.changed(new VersionedValue(contents == null ? EMPTY : contents, new Version(stat.getVersion())));
    }

    private void deleted() {
        if (exists) {
            exists = false;
            dispatcher.deleted();
        }
    }

    @Override
    public VersionedValue initial() {
        return initial;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            dispatcher.close();
            client.getConnectionStateListenable().removeListener(stateListener);
            cache.close();
            owner.forget(this);
        }
    }

    @Override
    public String toString() {
        return "ZkWatch[" + path + "]";
    }
}
