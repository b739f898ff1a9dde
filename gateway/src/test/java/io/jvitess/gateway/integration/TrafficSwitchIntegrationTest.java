package io.jvitess.gateway.integration;

import io.jvitess.common.key.Destination;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.ShardTabletControl;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.RoutingRule;
import io.jvitess.proto.vschema.RoutingRules;
import io.jvitess.topo.TopoServer;
import io.jvitess.vindexes.SingleColumnVindex;
import io.jvitess.vindexes.VindexRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SwitchTraffic for writes as vtctld performs it, done here directly on the topo plus RefreshState:
 * a client writing through vtgate sees a pause, never an error, and every acknowledged write lands
 * exactly once, on the old destination before the switch and on the new one after.
 */
class TrafficSwitchIntegrationTest {

    private static final String CELL = ShardedTestCluster.CELL;
    /** The time a real SwitchTraffic spends between stopping source writes and changing routing (catch-up, journal). */
    private static final long CUTOVER_MILLIS = 300;
    private static final SingleColumnVindex HASH = (SingleColumnVindex) VindexRegistry.standard().create("hash", "hash", Map.of());
    private static final ShardedTestCluster cluster = new ShardedTestCluster(Map.of(
            "commerce", List.of("0"),
            "customer", List.of("0"),
            "sharded", List.of("0", "-80", "80-")));

    @BeforeAll
    static void start() throws Exception {
        cluster.bufferWindow(Duration.ofSeconds(10));
        String customerTable = "create table customer (id bigint primary key) engine=InnoDB";
        cluster.start(
                Map.of("commerce", List.of(customerTable), "customer", List.of(customerTable),
                        "sharded", List.of("create table t (id bigint primary key) engine=InnoDB")),
                Map.of("commerce", "{\"tables\": {\"customer\": {}}}",
                        "customer", "{\"tables\": {\"customer\": {}}}",
                        "sharded", "{\"sharded\": true, \"vindexes\": {\"hash\": {\"type\": \"hash\"}},"
                                + " \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"hash\"}]}}}"));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void moveTablesSwitchPausesWritesAndSendsThemToTheTargetKeyspace() throws Exception {
        TopoServer topo = cluster.topo();
        routeCustomerTo("commerce");
        long lastOnSource;
        Writer writer = new Writer(cluster.gateway("commerce"), "insert into customer (id) values (%d)");
        try (writer) {
            writer.awaitMore(20);

            // Stop source writes: the moved table is denied on the source primary.
            topo.updateShardFields("commerce", "0", shard -> shard.toBuilder()
                    .addTabletControls(Shard.TabletControl.newBuilder().setTabletType(TabletType.PRIMARY).addDeniedTables("customer"))
                    .build());
            cluster.refreshState("commerce", "0");
            // The write in flight now may still land on the source; later ones may not.
            lastOnSource = writer.lastAcknowledged() + 1;
            Thread.sleep(CUTOVER_MILLIS);

            // Change routing: the table now lives in the target keyspace.
            routeCustomerTo("customer");
            writer.awaitMore(20);
        }

        assertThat(writer.errors()).as("the client never sees an error").isEmpty();
        Set<Long> onSource = ids("commerce", "0", "customer");
        Set<Long> onTarget = ids("customer", "0", "customer");
        assertThat(onSource).isNotEmpty().allMatch(id -> id <= lastOnSource, "written before the source denied the table");
        assertThat(onTarget).as("writes after the switch").isNotEmpty();
        assertThat(min(onTarget)).as("no write went back to the source").isGreaterThan(max(onSource));
        assertLandedExactlyOnce(writer.acknowledged(), List.of(onSource, onTarget));
    }

    @Test
    void reshardSwitchPausesWritesAndSendsThemToTheNewShards() throws Exception {
        TopoServer topo = cluster.topo();
        long lastOnSource;
        Writer writer = new Writer(cluster.gateway("sharded"), "insert into t (id) values (%d)");
        try (writer) {
            writer.awaitMore(20);

            // Stop source writes: the source shard's primary stops serving.
            updatePrimaryPartition(partition -> partition.addShardTabletControls(
                    ShardTabletControl.newBuilder().setName("0").setQueryServiceDisabled(true)));
            cluster.refreshState("sharded", "0");
            // The write in flight now may still land on the source; later ones may not.
            lastOnSource = writer.lastAcknowledged() + 1;
            Thread.sleep(CUTOVER_MILLIS);

            // Change routing: the new shards serve primary traffic.
            topo.updateShardFields("sharded", "0", shard -> shard.toBuilder().setIsPrimaryServing(false).build());
            for (String shard : List.of("-80", "80-")) {
                topo.updateShardFields("sharded", shard, record -> record.toBuilder().setIsPrimaryServing(true).build());
            }
            updatePrimaryPartition(partition -> partition.clearShardReferences()
                    .addShardReferences(reference("-80"))
                    .addShardReferences(reference("80-")));
            for (String shard : List.of("0", "-80", "80-")) {
                cluster.refreshState("sharded", shard);
            }
            writer.awaitMore(20);
        }

        assertThat(writer.errors()).as("the client never sees an error").isEmpty();
        Set<Long> onSource = ids("sharded", "0", "t");
        Set<Long> low = ids("sharded", "-80", "t");
        Set<Long> high = ids("sharded", "80-", "t");
        assertThat(onSource).isNotEmpty().allMatch(id -> id <= lastOnSource, "written before the source stopped serving");
        assertThat(low).as("writes after the switch").isNotEmpty().allMatch(id -> id >= lastOnSource).allMatch(id -> !inUpperHalf(id));
        assertThat(high).as("writes after the switch").isNotEmpty().allMatch(id -> id >= lastOnSource).allMatch(TrafficSwitchIntegrationTest::inUpperHalf);
        assertThat(Math.min(min(low), min(high))).as("no write went back to the source").isGreaterThan(max(onSource));
        assertLandedExactlyOnce(writer.acknowledged(), List.of(onSource, low, high));
    }

    private static long min(Set<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    private static long max(Set<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private static void assertLandedExactlyOnce(List<Long> acknowledged, List<Set<Long>> destinations) {
        Set<Long> landed = new HashSet<>();
        int total = 0;
        for (Set<Long> destination : destinations) {
            landed.addAll(destination);
            total += destination.size();
        }
        assertThat(total).as("no write landed twice").isEqualTo(landed.size());
        assertThat(landed).as("every acknowledged write landed, and nothing else").containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    /** MoveTables' routing rules: the table, qualified by either keyspace, goes to {@code keyspace}. */
    private static void routeCustomerTo(String keyspace) {
        RoutingRules.Builder rules = RoutingRules.newBuilder();
        for (String from : List.of("customer", "commerce.customer", "customer.customer")) {
            rules.addRules(RoutingRule.newBuilder().setFromTable(from).addToTables(keyspace + ".customer"));
        }
        cluster.topo().saveRoutingRules(rules.build());
        cluster.topo().rebuildVSchemaGraph(List.of(CELL));
    }

    private static void updatePrimaryPartition(Consumer<SrvKeyspace.KeyspacePartition.Builder> change) {
        SrvKeyspace.Builder srvKeyspace = cluster.topo().getSrvKeyspace(CELL, "sharded").toBuilder();
        srvKeyspace.getPartitionsBuilderList().stream()
                .filter(partition -> partition.getServedType() == TabletType.PRIMARY)
                .forEach(change);
        cluster.topo().updateSrvKeyspace(CELL, "sharded", srvKeyspace.build());
    }

    private static ShardReference reference(String shard) {
        return ShardReference.newBuilder().setName(shard).setKeyRange(KeyRanges.fromShardName(shard)).build();
    }

    /** Where the hash vindex puts an id: shard 80- for keyspace ids from 0x80. */
    private static boolean inUpperHalf(long id) {
        Destination destination = HASH.map(null, List.of(SqlValue.ofLong(id))).getFirst();
        return (((Destination.KeyspaceId) destination).id()[0] & 0xff) >= 0x80;
    }

    private static Set<Long> ids(String keyspace, String shard, String table) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection connection = cluster.shard(keyspace, shard); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id from " + table)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /** Inserts ids 1, 2, 3, ... one at a time through vtgate until closed, keeping what was acknowledged and every error. */
    private static final class Writer implements AutoCloseable {

        private final Connection connection;
        private final String insertFormat;
        private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean stopped;

        Writer(Connection connection, String insertFormat) {
            this.connection = connection;
            this.insertFormat = insertFormat;
            this.thread = Thread.ofPlatform().name("writer").start(this::write);
        }

        private void write() {
            for (long id = 1; !stopped; id++) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(insertFormat.formatted(id));
                    acknowledged.add(id);
                } catch (SQLException e) {
                    errors.add(id + ": " + e.getMessage());
                }
            }
        }

        /** Waits until {@code count} more writes were acknowledged. */
        void awaitMore(int count) throws InterruptedException {
            int target = acknowledged.size() + count;
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (acknowledged.size() < target) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("writes stalled; errors so far: " + errors);
                }
                Thread.sleep(20);
            }
        }

        long lastAcknowledged() {
            return acknowledged.isEmpty() ? 0 : acknowledged.getLast();
        }

        List<Long> acknowledged() {
            return List.copyOf(acknowledged);
        }

        List<String> errors() {
            return List.copyOf(errors);
        }

        @Override
        public void close() throws Exception {
            stopped = true;
            thread.join();
            connection.close();
        }
    }
}
