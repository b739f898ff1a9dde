package io.jvitess.vttest;

import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.ctld.Vtctld;
import io.jvitess.gateway.Vtgate;
import io.jvitess.gateway.VtgateConfig;
import io.jvitess.gateway.healthcheck.TabletHealth;
import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.mysqlctl.MysqldConfig;
import io.jvitess.proto.topodata.Keyspace;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.tablet.TabletConfig;
import io.jvitess.tablet.Vttablet;
import io.jvitess.tablet.sidecar.SidecarDatabase;
import io.jvitess.topo.TopoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Vitess's vttestserver (vtcombo) in one JVM: one mysqld holding a database per shard, an in-memory
 * topology, per shard a primary, replicas and rdonly tablets serving that database without
 * replication, vtctld's gRPC API and vtgate's MySQL port. Built for application CI: start, run the
 * application's tests against {@link #vtgateMysqlPort()}, close.
 */
public final class VttestCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VttestCluster.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int MYSQLD_UID = 1;
    /** Room for every tablet's pools on the one mysqld (the per-instance default of 200 is sized for one tablet). */
    private static final String MYSQLD_MAX_CONNECTIONS = "--max-connections=2000";
    private static final int TABLET_APP_POOL_SIZE = 16;

    private final VttestConfig config;
    private final PortLayout ports;
    private final TabletPlan plan;
    private final List<Vttablet> tablets = new ArrayList<>();
    private Path dataDirectory;
    private boolean temporaryDataDirectory;
    private Mysqld mysqld;
    private TopoServer topo;
    private Vtctld vtctld;
    private Vtgate vtgate;

    private VttestCluster(VttestConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.ports = PortLayout.fromBase(config.basePort());
        this.plan = TabletPlan.of(config);
    }

    /** Starts everything and returns once vtgate sees every tablet healthy; on failure stops what it started. */
    public static VttestCluster start(VttestConfig config) {
        VttestCluster cluster = new VttestCluster(config);
        try {
            cluster.startAll();
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startAll() {
        long startNanos = System.nanoTime();
        List<KeyspaceSchema> schemas = config.keyspaces().stream()
                .map(keyspace -> KeyspaceSchema.load(config.schemaDirectory(), keyspace))
                .toList();
        config.schemaDirectory().ifPresent(this::warnAboutUnusedSchemaDirectories);
        prepareDataDirectory();
        startMysqld();
        topo = TopoServer.inMemory(config.cell());
        ShardDatabases databases = new ShardDatabases(mysqld);
        for (int index = 0; index < config.keyspaces().size(); index++) {
            createKeyspace(config.keyspaces().get(index), schemas.get(index), databases);
        }
        topo.rebuildVSchemaGraph(List.of(config.cell()));
        startTablets();
        vtctld = new Vtctld(topo, ports.vtctldGrpcPort());
        vtctld.start();
        vtgate = new Vtgate(vtgateConfig(), topo);
        vtgate.start();
        awaitGatewayHealth();
        log.info("vttest cluster up in {} ms: keyspaces {}, {} tablets, vtgate MySQL on {}:{}, vtctld gRPC on 127.0.0.1:{}, mysqld on 127.0.0.1:{}",
                (System.nanoTime() - startNanos) / 1_000_000,
                config.keyspaces().stream().map(keyspace -> keyspace.name() + keyspace.shardNames()).toList(), plan.tablets().size(),
                config.mysqlBindHost(), vtgateMysqlPort(), vtctldGrpcPort(), mysqldPort());
    }

    /** A directory named after no keyspace is most likely a typo in --keyspaces or in the directory name. */
    private void warnAboutUnusedSchemaDirectories(Path schemaDirectory) {
        Set<String> keyspaces = config.keyspaces().stream().map(KeyspaceSpec::name).collect(Collectors.toSet());
        try (Stream<Path> entries = Files.list(schemaDirectory)) {
            entries.filter(Files::isDirectory)
                    .map(directory -> directory.getFileName().toString())
                    .filter(name -> !keyspaces.contains(name))
                    .forEach(name -> log.warn("schema directory {}/{} matches no keyspace in {}; it is not loaded",
                            schemaDirectory, name, keyspaces));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the schema directory " + schemaDirectory, e);
        }
    }

    private void prepareDataDirectory() {
        try {
            if (config.dataDirectory().isPresent()) {
                dataDirectory = Files.createDirectories(config.dataDirectory().get()).toAbsolutePath();
            } else {
                dataDirectory = Files.createTempDirectory("vttest");
                temporaryDataDirectory = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDirectory().orElse(null), e);
        }
    }

    private void startMysqld() {
        mysqld = new Mysqld(new MysqldConfig(MYSQLD_UID, ports.mysqldPort(), dataDirectory, MYSQLD_UID,
                Optional.empty(), Optional.empty(), List.of(MYSQLD_MAX_CONNECTIONS)));
        if (mysqld.isInitialized()) {
            // A test cluster always starts empty; the leftover is from a run that did not shut down.
            log.warn("{} holds a mysqld from an earlier vttest run; removing it", mysqld.tabletDirectory());
            mysqld.teardown(STOP_TIMEOUT);
        }
        mysqld.init(config.startTimeout());
    }

    private void createKeyspace(KeyspaceSpec keyspace, KeyspaceSchema schema, ShardDatabases databases) {
        topo.createKeyspace(keyspace.name(), Keyspace.newBuilder()
                .setDurabilityPolicy("none")
                .setSidecarDbName(SidecarDatabase.NAME)
                .build());
        for (String shard : keyspace.shardNames()) {
            topo.createShard(keyspace.name(), shard);
            databases.create(ShardDatabases.databaseName(keyspace.name(), shard), schema.statements());
        }
        topo.saveVSchema(keyspace.name(), schema.vschema());
        topo.rebuildKeyspaceGraph(keyspace.name(), List.of(config.cell()));
        log.info("keyspace {}: shards {}, {} schema statements applied to each", keyspace.name(), keyspace.shardNames(),
                schema.statements().size());
    }

    /** Primary-elects first, so each wins its shard's election; then the replicas and rdonly tablets. */
    private void startTablets() {
        List<TabletPlan.Planned> primaries = plan.primaries();
        List<Vttablet> started = primaries.stream().map(this::startTablet).toList();
        for (int index = 0; index < primaries.size(); index++) {
            TabletPlan.Planned planned = primaries.get(index);
            Vttablet primary = started.get(index);
            await("tablet " + TabletAliases.format(planned.alias()) + " to become primary of " + planned.keyspace() + "/" + planned.shard(),
                    () -> primary.state().type() == TabletType.PRIMARY && primary.state().serving());
        }
        plan.others().forEach(this::startTablet);
    }

    /**
     * gRPC on any free port (the tablet registers the bound one). Like vtcombo's tablets, each records the
     * base port as its web port, although this process serves no HTTP there.
     */
    private Vttablet startTablet(TabletPlan.Planned planned) {
        TabletConfig tabletConfig = new TabletConfig(planned.alias(), "localhost", planned.keyspace(), planned.shard(),
                planned.initType(), planned.databaseName(), 0, config.basePort(), "127.0.0.1", mysqld.port(),
                Duration.ofSeconds(2), Duration.ofSeconds(30), TABLET_APP_POOL_SIZE, 10_000, false);
        Vttablet tablet = new Vttablet(tabletConfig, topo);
        tablets.add(tablet);
        tablet.start();
        return tablet;
    }

    private VtgateConfig vtgateConfig() {
        return new VtgateConfig(config.cell(), List.of(config.cell()), config.mysqlBindHost(), ports.vtgateMysqlPort(),
                "none", Optional.empty(), Duration.ofSeconds(1), VtgateConfig.DEFAULT_SERVER_VERSION, true,
                Set.of(TabletType.PRIMARY), config.startTimeout());
    }

    private void awaitGatewayHealth() {
        for (TabletPlan.Planned planned : plan.tablets()) {
            await("vtgate to see tablet " + TabletAliases.format(planned.alias()) + " healthy as " + planned.servingType(),
                    () -> vtgate.healthCheck().healthy(planned.keyspace(), planned.shard(), planned.servingType()).stream()
                            .map(TabletHealth::tablet)
                            .anyMatch(tablet -> tablet.getAlias().equals(planned.alias())));
        }
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out after " + config.startTimeout() + " waiting for " + what);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    public VttestConfig config() {
        return config;
    }

    /** The port MySQL clients connect to (vtgate), on {@link #mysqlBindHost()}. */
    public int vtgateMysqlPort() {
        return vtgate.mysqlPort();
    }

    public String mysqlBindHost() {
        return config.mysqlBindHost();
    }

    /** vtctld's gRPC port on 127.0.0.1, for vtctldclient {@code --server}. */
    public int vtctldGrpcPort() {
        return vtctld.grpcPort();
    }

    /** The shared mysqld on 127.0.0.1 (users vt_dba, vt_app, no password). */
    public int mysqldPort() {
        return mysqld.port();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public TopoServer topo() {
        return topo;
    }

    /** The database holding a shard's data on the shared mysqld: {@code vt_<keyspace>_<shard>}. */
    public static String databaseName(String keyspace, String shard) {
        return ShardDatabases.databaseName(keyspace, shard);
    }

    /** Stops vtgate, vtctld and the tablets, then mysqld (by its pid), and deletes a temporary data directory. */
    @Override
    public void close() {
        closeQuietly("vtgate", vtgate);
        closeQuietly("vtctld", vtctld);
        for (int index = tablets.size() - 1; index >= 0; index--) {
            closeQuietly("tablet", tablets.get(index));
        }
        closeQuietly("topo", topo);
        if (mysqld != null) {
            try {
                mysqld.teardown(STOP_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("cannot stop mysqld {}: {}", mysqld, e.getMessage());
            }
        }
        if (temporaryDataDirectory) {
            deleteRecursively(dataDirectory);
        }
    }

    private static void closeQuietly(String what, AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            log.warn("error while stopping {}: {}", what, e.toString());
        }
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("cannot delete the temporary data directory {}: {}", directory, e.getMessage());
        }
    }
}
