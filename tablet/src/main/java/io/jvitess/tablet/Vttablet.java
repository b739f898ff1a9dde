package io.jvitess.tablet;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.tablet.health.HealthBroadcaster;
import io.jvitess.tablet.mysql.MysqlConnector;
import io.jvitess.tablet.queryservice.QueryCallExecutors;
import io.jvitess.tablet.queryservice.QueryEngine;
import io.jvitess.tablet.queryservice.TabletQueryService;
import io.jvitess.tablet.sequence.SequenceEngine;
import io.jvitess.tablet.tabletmanager.TabletManagerService;
import io.jvitess.tablet.queryservice.AdmissionGate;
import io.jvitess.tablet.vdiff.VDiffEngine;
import io.jvitess.tablet.vreplication.SourceResolver;
import io.jvitess.tablet.vreplication.VReplicationConfig;
import io.jvitess.tablet.vreplication.VReplicationEngine;
import io.jvitess.topo.TopoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** One vttablet: wires mysqld access, the query and manager gRPC services, and the state manager. */
public final class Vttablet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Vttablet.class);
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024 + 64 * 1024;

    private final TabletConfig config;
    private final MysqlConnector mysql;
    private final SequenceEngine sequences;
    private final QueryEngine engine;
    private final HealthBroadcaster health;
    private final TabletStateManager state;
    private final VReplicationEngine vreplication;
    private final VDiffEngine vdiff;
    private final ScheduledExecutorService housekeeping;
    private final QueryCallExecutors callExecutors;
    private Server server;

    public Vttablet(TabletConfig config, TopoServer topo) {
        this(config, topo, VReplicationConfig.defaults());
    }

    public Vttablet(TabletConfig config, TopoServer topo, VReplicationConfig vreplicationConfig) {
        this.config = requireNonNull(config, "config is null");
        this.mysql = new MysqlConnector(config.mysqlHost(), config.mysqlPort(), config.databaseName(), config.appPoolSize());
        this.sequences = new SequenceEngine(mysql, this::currentType);
        this.engine = new QueryEngine(mysql, sequences, config.transactionTimeout(), config.maxResultRows(), Clock.systemUTC());
        this.health = new HealthBroadcaster(TabletStateManager.initialHealth(config));
        // A new primary term starts from the sequence tables' next_id, as in Vitess.
        this.state = new TabletStateManager(config, topo, mysql, health, Clock.systemUTC(), sequences::reset,
                new AdmissionGate(engine::rollbackOpenTransactions, Duration.ofSeconds(5)));
        this.vreplication = new VReplicationEngine(vreplicationConfig, mysql,
                SourceResolver.primaryOf(topo, vreplicationConfig.sourceUser()), topo::getVSchema, Clock.systemUTC());
        this.vdiff = new VDiffEngine(config.keyspace(), config.shard(), vreplicationConfig.copyBatchRows(), mysql, vreplication,
                SourceResolver.primaryOf(topo, vreplicationConfig.sourceUser()), topo::getVSchema);
        this.callExecutors = new QueryCallExecutors(TabletAliases.format(config.alias()));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tablet-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", config.grpcPort()))
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                    // Calls start on the event loop; QueryCallExecutors moves all but vtgate's per-statement calls off it.
                    .directExecutor()
                    .callExecutor(callExecutors)
                    .addService(new TabletQueryService(engine, state, health, config.alias(), callExecutors.queryWorkers()))
                    .addService(new TabletManagerService(mysql, vreplication, state::refreshState, vdiff))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + config.grpcPort(), e);
        }
        state.start(server.getPort());
        housekeeping.scheduleWithFixedDelay(engine::killExpiredTransactions, 1, 1, TimeUnit.SECONDS);
        // VReplication streams write to this tablet's database, so they run only while it is the primary.
        housekeeping.scheduleWithFixedDelay(() -> vreplication.setPrimary(state.type() == TabletType.PRIMARY), 1, 1, TimeUnit.SECONDS);
        log.info("vttablet {} serving gRPC on 127.0.0.1:{} for {}/{} (mysqld {}:{})", TabletAliases.format(config.alias()),
                server.getPort(), config.keyspace(), config.shard(), config.mysqlHost(), config.mysqlPort());
    }

    private TabletType currentType() {
        return state.type();
    }

    public int grpcPort() {
        return server.getPort();
    }

    public TabletStateManager state() {
        return state;
    }

    public VReplicationEngine vreplication() {
        return vreplication;
    }

    public HealthBroadcaster health() {
        return health;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        vdiff.close();
        vreplication.close();
        state.close();
        if (server != null) {
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        callExecutors.close();
        engine.close();
        mysql.close();
        log.info("vttablet {} stopped", TabletAliases.format(config.alias()));
    }
}
