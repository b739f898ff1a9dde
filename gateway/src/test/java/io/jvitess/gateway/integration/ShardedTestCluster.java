package io.jvitess.gateway.integration;

import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.gateway.Vtgate;
import io.jvitess.gateway.VtgateConfig;
import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.mysqlctl.MysqldConfig;
import io.jvitess.proto.tabletmanagerdata.RefreshStateRequest;
import io.jvitess.proto.tabletmanagerservice.TabletManagerGrpc;
import io.jvitess.proto.topodata.Keyspace;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.tablet.TabletConfig;
import io.jvitess.tablet.Vttablet;
import io.jvitess.topo.TopoServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A small sharded cluster in this JVM for end-to-end tests: one real mysqld with a database per
 * shard, one primary tablet per shard on a memory topo, and a vtgate on a free port.
 * By default keyspace {@code user} has shards -80 and 80-, keyspace {@code main} one shard 0.
 */
final class ShardedTestCluster implements AutoCloseable {

    static final String CELL = "zone1";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, List<String>> shards = new LinkedHashMap<>();
    private final List<Vttablet> tablets = new ArrayList<>();
    private final List<TabletConfig> tabletConfigs = new ArrayList<>();
    private Duration bufferWindow = Duration.ZERO;
    private Path dataRoot;
    private Mysqld mysqld;
    private TopoServer topo;
    private Vtgate vtgate;

    ShardedTestCluster() {
        this(Map.of("user", List.of("-80", "80-"), "main", List.of("0")));
    }

    ShardedTestCluster(Map<String, List<String>> keyspaceShards) {
        new java.util.TreeMap<>(keyspaceShards).forEach(shards::put);
    }

    /** An extra plain database on the same mysqld, e.g. to compare answers with one MySQL. */
    Connection database(String name, List<String> statements) throws SQLException {
        createDatabase(name, statements);
        return DriverManager.getConnection(mysqld.jdbcUrl(name, Mysqld.DBA_USER), Mysqld.DBA_USER, "");
    }

    void start(Map<String, List<String>> schemas, Map<String, String> vschemas) throws Exception {
        dataRoot = Files.createTempDirectory("sharded-vtgate-test");
        mysqld = new Mysqld(new MysqldConfig(1, freePort(), dataRoot, 1, Optional.empty(), Optional.empty(), List.of("--max-connections=500")));
        mysqld.init(TIMEOUT);
        topo = TopoServer.inMemory(CELL);
        for (Map.Entry<String, List<String>> keyspace : shards.entrySet()) {
            topo.createKeyspace(keyspace.getKey(), Keyspace.newBuilder().setDurabilityPolicy("none").setSidecarDbName("_vt").build());
            for (String shard : keyspace.getValue()) {
                topo.createShard(keyspace.getKey(), shard);
                createDatabase(databaseName(keyspace.getKey(), shard), schemas.getOrDefault(keyspace.getKey(), List.of()));
            }
            io.jvitess.proto.vschema.Keyspace.Builder vschema = io.jvitess.proto.vschema.Keyspace.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(vschemas.get(keyspace.getKey()), vschema);
            topo.saveVSchema(keyspace.getKey(), vschema.build());
            topo.rebuildKeyspaceGraph(keyspace.getKey(), List.of(CELL));
        }
        topo.rebuildVSchemaGraph(List.of(CELL));
        int uid = 100;
        for (Map.Entry<String, List<String>> keyspace : shards.entrySet()) {
            for (String shard : keyspace.getValue()) {
                TabletConfig config = new TabletConfig(TabletAliases.of(CELL, uid++), "localhost", keyspace.getKey(), shard, TabletType.REPLICA,
                        databaseName(keyspace.getKey(), shard), 0, 0, "127.0.0.1", mysqld.port(), Duration.ofMillis(500),
                        Duration.ofSeconds(30), 8, 10_000, false);
                Vttablet tablet = new Vttablet(config, topo);
                tablets.add(tablet);
                tabletConfigs.add(config);
                tablet.start();
                await(() -> tablet.state().type() == TabletType.PRIMARY && tablet.state().serving());
            }
        }
        VtgateConfig config = new VtgateConfig(CELL, List.of(CELL), "127.0.0.1", 0, "none", Optional.empty(), Duration.ofMillis(500),
                VtgateConfig.DEFAULT_SERVER_VERSION, true, Set.of(TabletType.PRIMARY), TIMEOUT).withHttpPort(0)
                .withBufferWindow(bufferWindow);
        vtgate = new Vtgate(config, topo);
        vtgate.start();
        for (Map.Entry<String, List<String>> keyspace : shards.entrySet()) {
            for (String shard : keyspace.getValue()) {
                await(() -> !vtgate.healthCheck().healthy(keyspace.getKey(), shard, TabletType.PRIMARY).isEmpty());
            }
        }
    }

    /** Sets vtgate's buffer window; call before {@link #start}. */
    void bufferWindow(Duration window) {
        this.bufferWindow = window;
    }

    /** Stops the tablet serving this shard (its process going away, as far as vtgate can tell). */
    void stopTablet(String keyspace, String shard) {
        tablets.get(tabletIndex(keyspace, shard)).close();
    }

    /** Starts a new tablet process for the shard with the same settings; it resumes as primary. */
    void startTablet(String keyspace, String shard) {
        int index = tabletIndex(keyspace, shard);
        Vttablet tablet = new Vttablet(tabletConfigs.get(index), topo);
        tablets.set(index, tablet);
        tablet.start();
    }

    /** The topology, for tests that change it as vtctld would. */
    TopoServer topo() {
        return topo;
    }

    /** vtctld's RefreshState RPC to the shard's tablet: returns once the tablet applied its shard record and SrvKeyspace. */
    void refreshState(String keyspace, String shard) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", tablets.get(tabletIndex(keyspace, shard)).grpcPort())
                .usePlaintext()
                .build();
        try {
            TabletManagerGrpc.newBlockingStub(channel).refreshState(RefreshStateRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }
    }

    private int tabletIndex(String keyspace, String shard) {
        for (int index = 0; index < tabletConfigs.size(); index++) {
            if (tabletConfigs.get(index).keyspace().equals(keyspace) && tabletConfigs.get(index).shard().equals(shard)) {
                return index;
            }
        }
        throw new IllegalArgumentException("no tablet for " + keyspace + "/" + shard);
    }

    /** The first column of every row {@code sql} returns, as text. */
    static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    static String databaseName(String keyspace, String shard) {
        return "vt_" + keyspace + "_" + shard;
    }

    /** A connection to vtgate with a target (keyspace, or empty). */
    Connection gateway(String target) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + vtgate.mysqlPort() + "/" + target
                + "?sslMode=disable&allowMultiQueries=true&connectTimeout=10000", "root", "");
    }

    /** A direct connection to one shard's database on mysqld, to check where rows landed. */
    Connection shard(String keyspace, String shard) throws SQLException {
        return DriverManager.getConnection(mysqld.jdbcUrl(databaseName(keyspace, shard), Mysqld.DBA_USER), Mysqld.DBA_USER, "");
    }

    int vtgatePort() {
        return vtgate.mysqlPort();
    }

    int vtgateHttpPort() {
        return vtgate.httpPort();
    }

    private void createDatabase(String database, List<String> statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(mysqld.jdbcUrl("", Mysqld.DBA_USER), Mysqld.DBA_USER, "");
             Statement statement = connection.createStatement()) {
            String quoted = "`" + database + "`";
            statement.execute("create database if not exists " + quoted);
            statement.execute("use " + quoted);
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cluster did not come up within " + TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (vtgate != null) {
            vtgate.close();
        }
        for (int index = tablets.size() - 1; index >= 0; index--) {
            tablets.get(index).close();
        }
        if (topo != null) {
            topo.close();
        }
        if (mysqld != null) {
            mysqld.teardown(Duration.ofSeconds(30));
        }
        if (dataRoot != null) {
            try (Stream<Path> paths = Files.walk(dataRoot)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
