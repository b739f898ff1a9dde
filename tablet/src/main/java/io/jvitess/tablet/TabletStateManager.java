package io.jvitess.tablet;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.query.RealtimeStats;
import io.jvitess.proto.query.StreamHealthResponse;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.topodata.Time;
import io.jvitess.tablet.health.HealthBroadcaster;
import io.jvitess.tablet.mysql.MysqlConnector;
import io.jvitess.tablet.replication.ReplicationFlavor;
import io.jvitess.tablet.replication.ReplicationStatus;
import io.jvitess.tablet.sidecar.SidecarDatabase;
import io.jvitess.tablet.tabletcontrol.DeniedTables;
import io.jvitess.tablet.queryservice.AdmissionGate;
import io.jvitess.tablet.tabletcontrol.TabletControls;
import io.jvitess.topo.TopoErrorCode;
import io.jvitess.topo.TopoException;
import io.jvitess.topo.TopoServer;
import io.jvitess.topo.Watch;
import io.jvitess.topo.WatchListener;
import io.jvitess.topo.VersionedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the tablet's role in line with the shard record, on one thread: elects the first primary
 * when the shard has none (what vtorc does in Vitess's local example), promotes or points
 * mysqld replication at the shard primary, and publishes health after every pass.
 *
 * <p>With {@link TabletConfig#replicationManaged()} false (vtcombo mode) the roles still follow the
 * shard record, but mysqld is left alone: no replication setup, no read_only switch, and replicas
 * report healthy without replication checks because they serve the primary's own database.
 *
 * <p>Every pass also re-reads the tablet controls ({@link TabletControls}): denied tables from the
 * shard record and a disabled query service from the cell's SrvKeyspace. A disabled query service
 * only stops serving queries; replication, VReplication and mysqld keep running.
 */
public final class TabletStateManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TabletStateManager.class);
    private static final String REPLICATION_USER = "vt_repl";
    private static final Duration UNHEALTHY_LAG = Duration.ofHours(2);

    private final TabletConfig config;
    private final TopoServer topo;
    private final MysqlConnector mysql;
    private final HealthBroadcaster health;
    private final Clock clock;
    private final Runnable promotionListener;
    private final ScheduledExecutorService executor;

    private volatile TabletType type;
    private volatile boolean serving;
    private volatile long primaryTermStartSeconds;
    private volatile boolean shuttingDown;
    private volatile int grpcPort;
    private volatile TabletControls controls = TabletControls.NONE;
    private final AdmissionGate admission;
    /** The shard record and SrvKeyspace of the latest pass, from which controls follow the current type. */
    private volatile Shard latestShard;
    private volatile Optional<SrvKeyspace> latestSrvKeyspace = Optional.empty();
    private ReplicationFlavor flavor;
    private boolean primaryPrepared;
    private Watch shardWatch;

    /**
     * @param promotionListener runs on the state thread each time this tablet becomes primary, before it
     *                          serves as primary (e.g. to drop sequence values cached under an earlier term)
     */
    public TabletStateManager(TabletConfig config, TopoServer topo, MysqlConnector mysql, HealthBroadcaster health, Clock clock,
                              Runnable promotionListener, AdmissionGate admission) {
        this.admission = requireNonNull(admission, "admission is null");
        this.config = requireNonNull(config, "config is null");
        this.topo = requireNonNull(topo, "topo is null");
        this.mysql = requireNonNull(mysql, "mysql is null");
        this.health = requireNonNull(health, "health is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.promotionListener = requireNonNull(promotionListener, "promotionListener is null");
        this.type = config.initTabletType();
        this.grpcPort = config.grpcPort();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tablet-state-" + config.alias().getUid());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static StreamHealthResponse initialHealth(TabletConfig config) {
        return StreamHealthResponse.newBuilder()
                .setTarget(target(config, config.initTabletType()))
                .setTabletAlias(config.alias())
                .setServing(false)
                .setRealtimeStats(RealtimeStats.newBuilder().setHealthError("tablet is starting"))
                .build();
    }

    /** Registers the tablet in the topo with the gRPC port it actually listens on, and starts reconciling. */
    public void start(int boundGrpcPort) {
        this.grpcPort = boundGrpcPort;
        Shard shard = ensureKeyspaceAndShard();
        if (isMe(shard)) {
            type = TabletType.PRIMARY;
            primaryTermStartSeconds = shard.getPrimaryTermStartTime().getSeconds();
        }
        topo.upsertTablet(tabletRecord());
        log.info("tablet {} registered as {} in {}/{}", alias(), type, config.keyspace(), config.shard());
        try {
            shardWatch = topo.watchShard(config.keyspace(), config.shard(), new WatchListener() {
                @Override
                public void changed(VersionedValue value) {
                    requestReconcile();
                }

                @Override
                public void deleted() {
                    requestReconcile();
                }
            });
        } catch (TopoException e) {
            log.warn("cannot watch shard {}/{}, relying on periodic checks: {}", config.keyspace(), config.shard(), e.getMessage());
        }
        long intervalMillis = Math.max(200, config.healthCheckInterval().toMillis());
        executor.scheduleWithFixedDelay(this::reconcileSafely, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    public void requestReconcile() {
        if (!shuttingDown) {
            executor.execute(this::reconcileSafely);
        }
    }

    /** Re-reads the shard record and serving graph now and applies them before returning (RefreshState). */
    public void refreshState() {
        if (shuttingDown) {
            return;
        }
        try {
            executor.submit(this::reconcileSafely).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VtException.of(VtCode.ABORTED, "interrupted while refreshing tablet state");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw VtException.of(VtCode.UNAVAILABLE, "tablet state refresh did not finish: %s", e.toString());
        }
    }

    public TabletType type() {
        return type;
    }

    public boolean serving() {
        return serving && !shuttingDown;
    }

    /** The tablet controls applied by the latest state check; queries consult them after {@link #checkTarget}. */
    public TabletControls controls() {
        return controls;
    }

    public Target target() {
        return target(config, type);
    }

    private static Target target(TabletConfig config, TabletType type) {
        return Target.newBuilder()
                .setKeyspace(config.keyspace())
                .setShard(config.shard())
                .setTabletType(type)
                .setCell(config.alias().getCell())
                .build();
    }

    /** Verifies a query's target against this tablet, like Vitess's tabletserver does. */
    public void checkTarget(Target requested) {
        if (shuttingDown) {
            throw VtException.of(VtCode.CLUSTER_EVENT, "operation not allowed in state SHUTTING_DOWN");
        }
        if (!serving || controls.queryServiceDisabled()) {
            throw VtException.of(VtCode.CLUSTER_EVENT, "operation not allowed in state NOT_SERVING");
        }
        if (!requested.getKeyspace().equals(config.keyspace())) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid keyspace %s does not match expected %s",
                    requested.getKeyspace(), config.keyspace());
        }
        if (!requested.getShard().equals(config.shard())) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid shard %s does not match expected %s",
                    requested.getShard(), config.shard());
        }
        if (requested.getTabletType() != type) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "invalid tablet type: %s, want: %s",
                    requested.getTabletType(), type);
        }
    }

    private void reconcileSafely() {
        if (shuttingDown) {
            return;
        }
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("tablet {} state check failed: {}", alias(), e.toString());
            publish(false, "state check failed: " + e.getMessage(), 0);
        }
    }

    private void reconcile() {
        Optional<ReplicationFlavor> mysqlFlavor = detectFlavor();
        if (mysqlFlavor.isEmpty()) {
            publish(false, "mysqld is not reachable on " + config.mysqlHost() + ":" + config.mysqlPort(), 0);
            return;
        }
        Shard shard = topo.getShard(config.keyspace(), config.shard()).value();
        if (!shard.hasPrimaryAlias() && config.initTabletType() == TabletType.REPLICA) {
            shard = electSelfIfStillNoPrimary();
        }
        latestSrvKeyspace = readSrvKeyspace();
        latestShard = shard;
        if (isMe(shard)) {
            becomePrimary(shard);
            publish(true, "", 0);
        } else if (shard.hasPrimaryAlias()) {
            followPrimary(shard);
        } else {
            publish(true, "no primary in shard " + config.keyspace() + "/" + config.shard(), 0);
        }
    }

    private Optional<ReplicationFlavor> detectFlavor() {
        if (flavor != null) {
            return Optional.of(flavor);
        }
        try (Connection dba = mysql.dba()) {
            flavor = ReplicationFlavor.detect(dba);
            log.info("tablet {} connected to {} mysqld at {}:{}", alias(), flavor.name(), config.mysqlHost(), config.mysqlPort());
            return Optional.of(flavor);
        } catch (VtException | SQLException e) {
            return Optional.empty();
        }
    }

    private Shard electSelfIfStillNoPrimary() {
        try (AutoCloseable ignored = topo.lockShard(config.keyspace(), config.shard(), "elect primary " + alias())) {
            Shard shard = topo.getShard(config.keyspace(), config.shard()).value();
            if (shard.hasPrimaryAlias()) {
                return shard;
            }
            log.info("shard {}/{} has no primary: promoting tablet {}", config.keyspace(), config.shard(), alias());
            if (config.replicationManaged()) {
                try (Connection dba = mysql.dba()) {
                    flavor.resetReplication(dba);
                    flavor.setReadOnly(dba, false);
                }
            }
            Time termStart = Time.newBuilder().setSeconds(clock.instant().getEpochSecond()).build();
            return topo.updateShardFields(config.keyspace(), config.shard(), current -> current.toBuilder()
                    .setPrimaryAlias(config.alias())
                    .setPrimaryTermStartTime(termStart)
                    .build());
        } catch (Exception e) {
            throw VtException.of(VtCode.UNAVAILABLE, "primary election failed: %s", e.getMessage());
        }
    }

    private void becomePrimary(Shard shard) {
        if (type == TabletType.PRIMARY && primaryPrepared) {
            return;
        }
        try (Connection dba = mysql.dba()) {
            if (config.replicationManaged()) {
                flavor.resetReplication(dba);
                flavor.setReadOnly(dba, false);
            }
            SidecarDatabase.ensure(dba, config.databaseName());
        } catch (SQLException e) {
            throw VtException.of(VtCode.UNAVAILABLE, "cannot prepare mysqld as primary: %s", e.getMessage());
        }
        promotionListener.run();
        type = TabletType.PRIMARY;
        primaryTermStartSeconds = shard.getPrimaryTermStartTime().getSeconds();
        primaryPrepared = true;
        topo.updateTabletFields(config.alias(), tablet -> tablet.toBuilder()
                .setType(TabletType.PRIMARY)
                .setPrimaryTermStartTime(shard.getPrimaryTermStartTime())
                .build());
        log.info("tablet {} is PRIMARY of {}/{}", alias(), config.keyspace(), config.shard());
    }

    private void followPrimary(Shard shard) {
        if (type == TabletType.PRIMARY) {
            log.warn("tablet {} is no longer primary (shard primary is {}): demoting to REPLICA", alias(),
                    TabletAliases.format(shard.getPrimaryAlias()));
            type = TabletType.REPLICA;
            primaryPrepared = false;
            primaryTermStartSeconds = 0;
            topo.updateTabletFields(config.alias(), tablet -> tablet.toBuilder()
                    .setType(TabletType.REPLICA)
                    .clearPrimaryTermStartTime()
                    .build());
        }
        if (!config.replicationManaged()) {
            // vtcombo: this tablet reads the primary's own database, so there is no replication to check.
            publish(true, "", 0);
            return;
        }
        Tablet primary = topo.getTablet(shard.getPrimaryAlias()).value();
        String host = replicationHost(primary.getMysqlHostname());
        int port = primary.getMysqlPort();
        try (Connection dba = mysql.dba()) {
            Optional<ReplicationStatus> status = flavor.status(dba);
            if (status.isEmpty() || !status.get().replicatesFrom(host, port)) {
                log.info("tablet {} starts replicating from {} ({}:{})", alias(), TabletAliases.format(primary.getAlias()), host, port);
                flavor.setReadOnly(dba, true);
                flavor.startReplicatingFrom(dba, host, port, REPLICATION_USER);
                status = flavor.status(dba);
            } else if (!status.get().ioRunning() && !status.get().sqlRunning() && status.get().lastError().isEmpty()) {
                flavor.startReplication(dba);
                status = flavor.status(dba);
            }
            publishReplicaHealth(status);
        } catch (SQLException e) {
            publish(true, "replication check failed: " + e.getMessage(), 0);
        }
    }

    private void publishReplicaHealth(Optional<ReplicationStatus> status) {
        if (status.isEmpty()) {
            publish(true, "replication is not configured", 0);
            return;
        }
        ReplicationStatus replication = status.get();
        long lag = replication.lagSeconds().orElse(0);
        if (!replication.healthy()) {
            String reason = replication.lastError().isEmpty() ? "" : ": " + replication.lastError();
            publish(true, "replication is not running" + reason, lag);
        } else if (lag > UNHEALTHY_LAG.toSeconds()) {
            publish(true, "replication lag " + lag + "s exceeds " + UNHEALTHY_LAG.toSeconds() + "s", lag);
        } else {
            publish(true, "", lag);
        }
    }

    /**
     * The cell's SrvKeyspace; empty when the keyspace has none. A failed read keeps the previous one, so a topo
     * hiccup never re-enables a query service a traffic switch disabled.
     */
    private Optional<SrvKeyspace> readSrvKeyspace() {
        try {
            return Optional.of(topo.getSrvKeyspace(config.alias().getCell(), config.keyspace()));
        } catch (TopoException e) {
            if (e.is(TopoErrorCode.NO_NODE)) {
                return Optional.empty();
            }
            log.warn("tablet {} cannot read SrvKeyspace {} in cell {}, keeping its tablet controls: {}", alias(), config.keyspace(),
                    config.alias().getCell(), e.getMessage());
            return latestSrvKeyspace;
        }
    }

    /** Applies the tablet controls for the current type, logging what changed. */
    private TabletControls applyControls() {
        Shard shard = latestShard;
        if (shard == null || shuttingDown) {
            return controls;
        }
        TabletControls next = TabletControls.of(shard, latestSrvKeyspace, type, config.alias().getCell(), config.shard());
        TabletControls previous = controls;
        if (!next.equals(previous)) {
            if (restricts(previous, next)) {
                // Wait for statements admitted under the old controls, so none of them commits after this returns.
                admission.restrict(() -> controls = next);
            } else {
                controls = next;
            }
            logChange(previous, next);
        }
        return next;
    }

    private static boolean restricts(TabletControls previous, TabletControls next) {
        return (next.queryServiceDisabled() && !previous.queryServiceDisabled())
                || !previous.deniedTables().entries().containsAll(next.deniedTables().entries());
    }

    /** Statements run through this gate so that restricting tablet controls wait for the ones in flight. */
    public AdmissionGate admission() {
        return admission;
    }

    private void logChange(TabletControls previous, TabletControls next) {
        if (!next.deniedTables().equals(previous.deniedTables())) {
            if (next.deniedTables().isEmpty()) {
                log.info("tablet {} ({} of {}/{}) no longer denies any table", alias(), type, config.keyspace(), config.shard());
            } else {
                log.info("tablet {} ({} of {}/{}) denies tables {} (shard tablet control): queries on them fail with '{}'", alias(), type,
                        config.keyspace(), config.shard(), next.deniedTables(), DeniedTables.RULE_MESSAGE);
            }
        }
        if (next.queryServiceDisabled() != previous.queryServiceDisabled()) {
            if (next.queryServiceDisabled()) {
                log.info("tablet {} ({} of {}/{}) stops serving queries: SrvKeyspace in cell {} disables its query service "
                        + "(replication and VReplication keep running)", alias(), type, config.keyspace(), config.shard(), config.alias().getCell());
            } else {
                log.info("tablet {} ({} of {}/{}) serves queries again: SrvKeyspace no longer disables its query service", alias(), type,
                        config.keyspace(), config.shard());
            }
        }
    }

    private void publish(boolean nowServing, String healthError, long lagSeconds) {
        boolean servingNow = nowServing && !applyControls().queryServiceDisabled();
        serving = servingNow;
        health.publish(StreamHealthResponse.newBuilder()
                .setTarget(target())
                .setTabletAlias(config.alias())
                .setServing(servingNow && !shuttingDown)
                .setPrimaryTermStartTimestamp(type == TabletType.PRIMARY ? primaryTermStartSeconds : 0)
                .setRealtimeStats(RealtimeStats.newBuilder()
                        .setHealthError(healthError)
                        .setReplicationLagSeconds((int) Math.min(Integer.MAX_VALUE, lagSeconds)))
                .build());
    }

    private Shard ensureKeyspaceAndShard() {
        try {
            topo.createKeyspace(config.keyspace(), io.jvitess.proto.topodata.Keyspace.newBuilder().setSidecarDbName(SidecarDatabase.NAME).build());
            log.info("created keyspace {} in the topo", config.keyspace());
        } catch (TopoException e) {
            if (!e.is(TopoErrorCode.NODE_EXISTS)) {
                throw e;
            }
        }
        try {
            topo.createShard(config.keyspace(), config.shard());
            log.info("created shard {}/{} in the topo", config.keyspace(), config.shard());
        } catch (TopoException e) {
            if (!e.is(TopoErrorCode.NODE_EXISTS)) {
                throw e;
            }
        }
        Shard shard = topo.getShard(config.keyspace(), config.shard()).value();
        ensureServingGraph(shard);
        return shard;
    }

    /**
     * A new keyspace or shard needs its SrvKeyspace before vtgate can route to it. Only a shard that serves primary
     * traffic is added: the target shards of a reshard are created not serving, and rebuilding the graph for them
     * would undo read traffic already switched; SwitchTraffic adds them.
     */
    private void ensureServingGraph(Shard shard) {
        if (!shard.getIsPrimaryServing()) {
            return;
        }
        String cell = config.alias().getCell();
        boolean present;
        try {
            present = topo.getSrvKeyspace(cell, config.keyspace()).getPartitionsList().stream()
                    .filter(partition -> partition.getServedType() == TabletType.PRIMARY)
                    .flatMap(partition -> partition.getShardReferencesList().stream())
                    .anyMatch(reference -> reference.getName().equals(config.shard()));
        } catch (TopoException e) {
            present = false;
        }
        if (!present) {
            topo.rebuildKeyspaceGraph(config.keyspace(), java.util.List.of(cell));
        }
    }

    private Tablet tabletRecord() {
        Tablet.Builder tablet = Tablet.newBuilder()
                .setAlias(config.alias())
                .setHostname(config.hostname())
                .putPortMap("grpc", grpcPort)
                .putPortMap("vt", config.httpPort())
                .setKeyspace(config.keyspace())
                .setShard(config.shard())
                .setKeyRange(io.jvitess.common.key.KeyRanges.fromShardName(config.shard()))
                .setType(type)
                .setMysqlHostname(config.hostname())
                .setMysqlPort(config.mysqlPort());
        if (!config.databaseName().equals("vt_" + config.keyspace())) {
            tablet.setDbNameOverride(config.databaseName());
        }
        if (type == TabletType.PRIMARY) {
            tablet.setPrimaryTermStartTime(Time.newBuilder().setSeconds(primaryTermStartSeconds));
        }
        return tablet.build();
    }

    private boolean isMe(Shard shard) {
        return shard.hasPrimaryAlias() && shard.getPrimaryAlias().equals(config.alias());
    }

    /** mysqld clients treat "localhost" as the unix socket, so replication must dial the loopback address. */
    private static String replicationHost(String hostname) {
        return hostname.equals("localhost") ? "127.0.0.1" : hostname;
    }

    private String alias() {
        return TabletAliases.format(config.alias());
    }

    @Override
    public void close() {
        shuttingDown = true;
        if (shardWatch != null) {
            shardWatch.close();
        }
        publish(false, "tablet is shutting down", 0);
        executor.shutdownNow();
    }
}
