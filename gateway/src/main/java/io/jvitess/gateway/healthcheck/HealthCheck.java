package io.jvitess.gateway.healthcheck;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.common.topoproto.TabletTypes;
import io.jvitess.proto.query.RealtimeStats;
import io.jvitess.proto.query.StreamHealthRequest;
import io.jvitess.proto.query.StreamHealthResponse;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.queryservice.QueryGrpc;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.topodata.TabletAlias;
import io.jvitess.topo.TopoException;
import io.jvitess.topo.TopoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Discovers tablets from the topo (polling each watched cell) and keeps one StreamHealth stream
 * open to each. A broken stream marks the tablet unhealthy at once and is retried, so a killed
 * tablet stops getting queries within a second and a restarted one is picked up again.
 */
public final class HealthCheck implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthCheck.class);
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024 + 64 * 1024;

    private final TopoServer topo;
    private final List<String> cells;
    private final Duration refreshInterval;
    private final Duration retryDelay;
    private final ScheduledExecutorService scheduler;
    private final Map<TabletAlias, TabletWatcher> watchers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public HealthCheck(TopoServer topo, List<String> cells, Duration refreshInterval) {
        this.topo = requireNonNull(topo, "topo is null");
        this.cells = List.copyOf(cells);
        this.refreshInterval = requireNonNull(refreshInterval, "refreshInterval is null");
        this.retryDelay = Duration.ofMillis(500);
        this.scheduler = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "healthcheck");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        refreshTablets();
        scheduler.scheduleWithFixedDelay(this::refreshTablets, refreshInterval.toMillis(), refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything known, sorted by keyspace, shard, alias (the order of {@code show vitess_tablets}). */
    public List<TabletHealth> all() {
        List<TabletHealth> result = new ArrayList<>();
        for (TabletWatcher watcher : watchers.values()) {
            result.add(watcher.health);
        }
        result.sort(Comparator.comparing((TabletHealth health) -> health.target().getKeyspace())
                .thenComparing(health -> health.target().getShard())
                .thenComparing(health -> TabletAliases.format(health.tablet().getAlias())));
        return result;
    }

    /** Healthy tablets serving exactly this keyspace, shard and type. */
    public List<TabletHealth> healthy(String keyspace, String shard, io.jvitess.proto.topodata.TabletType type) {
        List<TabletHealth> result = new ArrayList<>();
        for (TabletWatcher watcher : watchers.values()) {
            TabletHealth health = watcher.health;
            Target target = health.target();
            if (health.healthy() && target.getKeyspace().equals(keyspace) && target.getShard().equals(shard)
                    && target.getTabletType() == type) {
                result.add(health);
            }
        }
        return result;
    }

    /**
     * Waits until every (keyspace, shard, type) that has tablets of the given types in the topo has a
     * healthy one, like Vitess's --tablet_types_to_wait. Returns false if the timeout passed first.
     */
    public boolean waitForTablets(java.util.Set<io.jvitess.proto.topodata.TabletType> types, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ready = true;
            for (TabletWatcher watcher : watchers.values()) {
                Tablet tablet = watcher.health.tablet();
                if (types.contains(tablet.getType()) && healthy(tablet.getKeyspace(), tablet.getShard(), tablet.getType()).isEmpty()) {
                    ready = false;
                    break;
                }
            }
            if (ready) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    public QueryGrpc.QueryBlockingStub stub(TabletAlias alias) {
        TabletWatcher watcher = watchers.get(alias);
        if (watcher == null) {
            return null;
        }
        return QueryGrpc.newBlockingStub(watcher.channel).withMaxInboundMessageSize(MAX_MESSAGE_BYTES).withMaxOutboundMessageSize(MAX_MESSAGE_BYTES);
    }

    public QueryGrpc.QueryStub asyncStub(TabletAlias alias) {
        TabletWatcher watcher = watchers.get(alias);
        return watcher == null ? null : QueryGrpc.newStub(watcher.channel).withMaxInboundMessageSize(MAX_MESSAGE_BYTES);
    }

    private void refreshTablets() {
        if (closed) {
            return;
        }
        Set<TabletAlias> seen = new HashSet<>();
        for (String cell : cells) {
            List<Tablet> tablets;
            try {
                tablets = topo.getTabletsByCell(cell);
            } catch (TopoException e) {
                log.warn("cannot list tablets in cell {}: {}", cell, e.getMessage());
                return;
            }
            for (Tablet tablet : tablets) {
                if (!TabletTypes.isServing(tablet.getType()) || tablet.getPortMapOrDefault("grpc", 0) == 0) {
                    continue;
                }
                seen.add(tablet.getAlias());
                TabletWatcher existing = watchers.get(tablet.getAlias());
                if (existing != null && existing.sameAddress(tablet)) {
                    existing.updateRecord(tablet);
                    continue;
                }
                if (existing != null) {
                    existing.close();
                }
                TabletWatcher watcher = new TabletWatcher(tablet);
                watchers.put(tablet.getAlias(), watcher);
                watcher.connect();
                log.info("watching tablet {} at {}:{}", TabletAliases.format(tablet.getAlias()), tablet.getHostname(), tablet.getPortMapOrThrow("grpc"));
            }
        }
        for (TabletAlias alias : List.copyOf(watchers.keySet())) {
            if (!seen.contains(alias)) {
                TabletWatcher removed = watchers.remove(alias);
                if (removed != null) {
                    log.info("tablet {} left the topo; no longer watched", TabletAliases.format(alias));
                    removed.close();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        for (TabletWatcher watcher : watchers.values()) {
            watcher.close();
        }
        watchers.clear();
    }

    /** One tablet's channel and health stream. */
    private final class TabletWatcher {
        private final ManagedChannel channel;
        private final String host;
        private final int port;
        private volatile TabletHealth health;
        private volatile boolean stopped;

        TabletWatcher(Tablet tablet) {
            this.host = tablet.getHostname();
            this.port = tablet.getPortMapOrThrow("grpc");
            this.channel = NettyChannelBuilder.forAddress(host, port)
                    .usePlaintext()
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    .build();
            this.health = new TabletHealth(tablet, targetOf(tablet), false, false,
                    tablet.getPrimaryTermStartTime().getSeconds(), RealtimeStats.getDefaultInstance(), "not connected yet");
        }

        boolean sameAddress(Tablet tablet) {
            return tablet.getHostname().equals(host) && tablet.getPortMapOrDefault("grpc", 0) == port;
        }

        void updateRecord(Tablet tablet) {
            TabletHealth current = health;
            health = new TabletHealth(tablet, current.target(), current.serving(), current.connected(),
                    current.primaryTermStartSeconds(), current.stats(), current.lastError());
        }

        void connect() {
            if (stopped || closed) {
                return;
            }
            QueryGrpc.newStub(channel).streamHealth(StreamHealthRequest.getDefaultInstance(), new StreamObserver<>() {
                @Override
                public void onNext(StreamHealthResponse response) {
                    health = new TabletHealth(health.tablet(), response.getTarget(), response.getServing(), true,
                            response.getPrimaryTermStartTimestamp(), response.getRealtimeStats(), "");
                }

                @Override
                public void onError(Throwable error) {
                    disconnected(error.getMessage());
                }

                @Override
                public void onCompleted() {
                    disconnected("health stream ended");
                }
            });
        }

        private void disconnected(String reason) {
            TabletHealth current = health;
            if (current.connected()) {
                log.warn("lost health stream of tablet {}: {}", TabletAliases.format(current.tablet().getAlias()), reason);
            }
            health = new TabletHealth(current.tablet(), current.target(), false, false, current.primaryTermStartSeconds(),
                    current.stats(), reason == null ? "disconnected" : reason);
            if (!stopped && !closed) {
                try {
                    scheduler.schedule(this::connect, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException ignored) {
                    // shutting down
                }
            }
        }

        void close() {
            stopped = true;
            channel.shutdownNow();
        }
    }

    private static Target targetOf(Tablet tablet) {
        return Target.newBuilder()
                .setKeyspace(tablet.getKeyspace())
                .setShard(tablet.getShard())
                .setTabletType(tablet.getType())
                .setCell(tablet.getAlias().getCell())
                .build();
    }
}
