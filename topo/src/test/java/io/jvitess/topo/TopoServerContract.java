package io.jvitess.topo;

import com.google.protobuf.ByteString;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.topodata.CellInfo;
import io.jvitess.proto.topodata.KeyRange;
import io.jvitess.proto.topodata.Keyspace;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.ShardTabletControl;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.topodata.TabletAlias;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.RoutingRule;
import io.jvitess.proto.vschema.RoutingRules;
import io.jvitess.proto.vschema.SrvVSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.jvitess.topo.TopoAssertions.assertTopoError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour of {@link TopoServer} on any backend. Subclasses return a fresh server whose global tree is empty and whose
 * cells {@code zone1} and {@code zone2} are registered, each with its own root.
 */
public abstract class TopoServerContract {

    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    protected TopoServer topo;

    protected abstract TopoServer newServerWithCells(String... cells);

    @BeforeEach
    void openServer() {
        topo = newServerWithCells("zone1", "zone2");
    }

    @AfterEach
    void closeServer() {
        topo.close();
    }

    @Test
    void cellsAreRegisteredAndReachedThroughTheirCellInfo() {
        assertThat(topo.getCellInfoNames()).containsExactly("zone1", "zone2");
        topo.updateSrvVSchema("zone1", SrvVSchema.newBuilder().putKeyspaces("ks", io.jvitess.proto.vschema.Keyspace.getDefaultInstance()).build());

        assertThat(topo.cellConn("zone1").listDir("")).containsExactly("SrvVSchema");
        assertTopoError(() -> topo.cellConn("zone2").get("SrvVSchema"), TopoErrorCode.NO_NODE);
        assertTopoError(() -> topo.globalConn().get("SrvVSchema"), TopoErrorCode.NO_NODE);
        assertThat(topo.cellConn("zone1")).isSameAs(topo.cellConn("zone1"));
        assertThat(topo.cellConn(TopoServer.GLOBAL_CELL)).isSameAs(topo.globalConn());
    }

    @Test
    void unknownCellFailsWithNoNode() {
        assertTopoError(() -> topo.cellConn("nowhere"), TopoErrorCode.NO_NODE);
        assertTopoError(() -> topo.getCellInfo("nowhere"), TopoErrorCode.NO_NODE);
    }

    @Test
    void cellInfoCanBeDeleted() {
        CellInfo info = topo.getCellInfo("zone2");
        assertThat(info.getRoot()).isNotEmpty();

        topo.deleteCellInfo("zone2");

        assertThat(topo.getCellInfoNames()).containsExactly("zone1");
        assertTopoError(() -> topo.cellConn("zone2"), TopoErrorCode.NO_NODE);
        assertTopoError(() -> topo.createCellInfo(TopoServer.GLOBAL_CELL, info), TopoErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void keyspaceCreateReadUpdateAndList() {
        Keyspace original = Keyspace.newBuilder().setDurabilityPolicy("none").build();
        topo.createKeyspace("customer", original);
        topo.createKeyspace("commerce", Keyspace.getDefaultInstance());

        Versioned<Keyspace> read = topo.getKeyspace("customer");
        assertThat(read.value()).isEqualTo(original);
        assertTopoError(() -> topo.createKeyspace("customer", original), TopoErrorCode.NODE_EXISTS);
        assertThat(topo.getKeyspaceNames()).containsExactly("commerce", "customer");

        Keyspace updated = original.toBuilder().setDurabilityPolicy("semi_sync").build();
        topo.updateKeyspace("customer", updated, read.version());
        assertThat(topo.getKeyspace("customer").value()).isEqualTo(updated);
        assertTopoError(() -> topo.updateKeyspace("customer", original, read.version()), TopoErrorCode.BAD_VERSION);
        assertTopoError(() -> topo.updateKeyspace("missing", original, null), TopoErrorCode.NO_NODE);
        assertTopoError(() -> topo.getKeyspace("missing"), TopoErrorCode.NO_NODE);
    }

    @Test
    void keyspaceNamesAreEmptyWithoutKeyspaces() {
        assertThat(topo.getKeyspaceNames()).isEmpty();
    }

    @Test
    void deleteKeyspaceRemovesShardsAndVSchema() {
        topo.createKeyspace("gone", Keyspace.getDefaultInstance());
        topo.createKeyspace("kept", Keyspace.getDefaultInstance());
        topo.createShard("gone", "-80");
        topo.saveVSchema("gone", io.jvitess.proto.vschema.Keyspace.newBuilder().setSharded(true).build());

        topo.deleteKeyspace("gone");

        assertThat(topo.getKeyspaceNames()).containsExactly("kept");
        assertThat(topo.getShardNames("gone")).isEmpty();
        assertTopoError(() -> topo.getVSchema("gone"), TopoErrorCode.NO_NODE);
        assertTopoError(() -> topo.deleteKeyspace("gone"), TopoErrorCode.NO_NODE);
    }

    @Test
    void createShardDerivesKeyRangeFromItsName() {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());

        Shard low = topo.createShard("ks", "-80");
        Shard high = topo.createShard("ks", "80-");

        assertThat(low.getKeyRange()).isEqualTo(keyRange("", "80"));
        assertThat(high.getKeyRange()).isEqualTo(keyRange("80", ""));
        assertThat(low.getIsPrimaryServing()).isTrue();
        assertThat(high.getIsPrimaryServing()).isTrue();
        assertThat(topo.getShard("ks", "-80").value()).isEqualTo(low);
        assertThat(topo.getShardNames("ks")).containsExactly("-80", "80-");
    }

    @Test
    void unshardedShardHasNoKeyRange() {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());

        Shard shard = topo.createShard("ks", "0");

        assertThat(shard.hasKeyRange()).isFalse();
        assertThat(shard.getIsPrimaryServing()).isTrue();
    }

    @Test
    void createShardValidatesItsArguments() {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        topo.createShard("ks", "0");

        assertTopoError(() -> topo.createShard("ks", "0"), TopoErrorCode.NODE_EXISTS);
        assertTopoError(() -> topo.createShard("ks", "banana"), TopoErrorCode.INVALID_ARGUMENT);
        assertTopoError(() -> topo.createShard("ks", "80-40"), TopoErrorCode.INVALID_ARGUMENT);
        assertTopoError(() -> topo.createShard("missing", "0"), TopoErrorCode.NO_NODE);
    }

    @Test
    void shardOverlappingAnExistingShardDoesNotServe() {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        topo.createShard("ks", "0");

        Shard split = topo.createShard("ks", "-80");

        assertThat(split.getIsPrimaryServing()).isFalse();
    }

    @Test
    void shardNamesAreEmptyForAKeyspaceWithoutShards() {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());

        assertThat(topo.getShardNames("ks")).isEmpty();
    }

    @Test
    void deleteShardRemovesItFromTheList() {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        topo.createShard("ks", "-80");
        topo.createShard("ks", "80-");

        topo.deleteShard("ks", "-80");

        assertThat(topo.getShardNames("ks")).containsExactly("80-");
        assertTopoError(() -> topo.getShard("ks", "-80"), TopoErrorCode.NO_NODE);
        assertTopoError(() -> topo.deleteShard("ks", "-80"), TopoErrorCode.NO_NODE);
    }

    @Test
    void updateShardFieldsFromSeveralThreadsLosesNoUpdate() throws Exception {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        topo.createShard("ks", "0");
        int threads = 4;
        int updatesPerThread = 15;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < updatesPerThread; i++) {
                        int uid = thread * 1000 + i;
                        topo.updateShardFields("ks", "0", shard -> shard.toBuilder()
                                .addSourceShards(Shard.SourceShard.newBuilder().setUid(uid).setKeyspace("source"))
                                .build());
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        List<Integer> uids = topo.getShard("ks", "0").value().getSourceShardsList().stream().map(Shard.SourceShard::getUid).toList();
        assertThat(uids).hasSize(threads * updatesPerThread).doesNotHaveDuplicates();
    }

    @Test
    void updateShardFieldsReturnsTheWrittenShardAndSkipsNoOps() {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        topo.createShard("ks", "0");
        Version before = topo.getShard("ks", "0").version();

        Shard unchanged = topo.updateShardFields("ks", "0", shard -> shard);
        assertThat(topo.getShard("ks", "0").version()).isEqualTo(before);

        TabletAlias primary = TabletAliases.of("zone1", 100);
        Shard updated = topo.updateShardFields("ks", "0", shard -> shard.toBuilder().setPrimaryAlias(primary).build());

        assertThat(updated).isEqualTo(unchanged.toBuilder().setPrimaryAlias(primary).build());
        assertThat(topo.getShard("ks", "0").value()).isEqualTo(updated);
        assertTopoError(() -> topo.updateShardFields("ks", "missing", shard -> shard), TopoErrorCode.NO_NODE);
    }

    @Test
    void tabletCreateReadUpdateListAndDelete() {
        Tablet primary = tablet("zone1", 100, TabletType.PRIMARY);
        Tablet replica = tablet("zone1", 101, TabletType.REPLICA);
        Tablet elsewhere = tablet("zone2", 200, TabletType.REPLICA);
        topo.createTablet(replica);
        topo.createTablet(primary);
        topo.createTablet(elsewhere);

        assertThat(topo.getTablet(primary.getAlias()).value()).isEqualTo(primary);
        assertTopoError(() -> topo.createTablet(primary), TopoErrorCode.NODE_EXISTS);
        assertThat(topo.getTabletAliasesByCell("zone1")).containsExactly(primary.getAlias(), replica.getAlias());
        assertThat(topo.getTabletsByCell("zone2")).containsExactly(elsewhere);

        Tablet demoted = topo.updateTabletFields(primary.getAlias(), tablet -> tablet.toBuilder().setType(TabletType.REPLICA).build());
        assertThat(demoted.getType()).isEqualTo(TabletType.REPLICA);
        assertThat(topo.getTablet(primary.getAlias()).value()).isEqualTo(demoted);

        topo.deleteTablet(replica.getAlias());
        assertThat(topo.getTabletsByCell("zone1")).containsExactly(demoted);
        assertTopoError(() -> topo.getTablet(replica.getAlias()), TopoErrorCode.NO_NODE);
        assertTopoError(() -> topo.deleteTablet(replica.getAlias()), TopoErrorCode.NO_NODE);
    }

    @Test
    void upsertTabletCreatesOrOverwrites() {
        Tablet tablet = tablet("zone1", 100, TabletType.REPLICA);

        topo.upsertTablet(tablet);
        Tablet restarted = tablet.toBuilder().setHostname("new-host").build();
        topo.upsertTablet(restarted);

        assertThat(topo.getTablet(tablet.getAlias()).value()).isEqualTo(restarted);
    }

    @Test
    void tabletsOfAnEmptyOrUnknownCell() {
        assertThat(topo.getTabletAliasesByCell("zone1")).isEmpty();
        assertThat(topo.getTabletsByCell("zone1")).isEmpty();
        assertTopoError(() -> topo.getTabletsByCell("nowhere"), TopoErrorCode.NO_NODE);
        assertTopoError(() -> topo.createTablet(tablet("nowhere", 1, TabletType.REPLICA)), TopoErrorCode.NO_NODE);
    }

    @Test
    void vschemaIsSavedPerKeyspace() {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        assertTopoError(() -> topo.getVSchema("ks"), TopoErrorCode.NO_NODE);
        io.jvitess.proto.vschema.Keyspace vschema = io.jvitess.proto.vschema.Keyspace.newBuilder().setSharded(true).build();

        topo.saveVSchema("ks", vschema);
        topo.saveVSchema("ks", vschema.toBuilder().setRequireExplicitRouting(true).build());

        assertThat(topo.getVSchema("ks")).isEqualTo(vschema.toBuilder().setRequireExplicitRouting(true).build());
    }

    @Test
    void routingRulesAreEmptyUntilSavedAndEmptyRulesRemoveTheFile() {
        assertThat(topo.getRoutingRules()).isEqualTo(RoutingRules.getDefaultInstance());
        RoutingRules rules = RoutingRules.newBuilder()
                .addRules(RoutingRule.newBuilder().setFromTable("t").addToTables("ks.t"))
                .build();

        topo.saveRoutingRules(rules);
        assertThat(topo.getRoutingRules()).isEqualTo(rules);

        topo.saveRoutingRules(RoutingRules.getDefaultInstance());
        assertThat(topo.getRoutingRules()).isEqualTo(RoutingRules.getDefaultInstance());
        assertThat(topo.globalConn().listDir("")).doesNotContain("RoutingRules");
    }

    @Test
    void srvKeyspaceIsStoredPerCell() {
        SrvKeyspace value = SrvKeyspace.newBuilder()
                .addPartitions(SrvKeyspace.KeyspacePartition.newBuilder().setServedType(TabletType.PRIMARY))
                .build();

        topo.updateSrvKeyspace("zone1", "ks", value);
        topo.updateSrvKeyspace("zone1", "other", value);

        assertThat(topo.getSrvKeyspace("zone1", "ks")).isEqualTo(value);
        assertThat(topo.getSrvKeyspaceNames("zone1")).containsExactly("ks", "other");
        assertThat(topo.getSrvKeyspaceNames("zone2")).isEmpty();
        assertTopoError(() -> topo.getSrvKeyspace("zone2", "ks"), TopoErrorCode.NO_NODE);

        topo.deleteSrvKeyspace("zone1", "ks");
        assertThat(topo.getSrvKeyspaceNames("zone1")).containsExactly("other");
        assertTopoError(() -> topo.deleteSrvKeyspace("zone1", "ks"), TopoErrorCode.NO_NODE);
    }

    @Test
    void rebuildKeyspaceGraphOfAnUnshardedKeyspace() {
        topo.createKeyspace("commerce", Keyspace.getDefaultInstance());
        topo.createShard("commerce", "0");

        topo.rebuildKeyspaceGraph("commerce", List.of());

        for (String cell : List.of("zone1", "zone2")) {
            SrvKeyspace srvKeyspace = topo.getSrvKeyspace(cell, "commerce");
            assertThat(srvKeyspace.getPartitionsList()).extracting(SrvKeyspace.KeyspacePartition::getServedType)
                    .containsExactly(TabletType.PRIMARY, TabletType.REPLICA, TabletType.RDONLY);
            for (SrvKeyspace.KeyspacePartition partition : srvKeyspace.getPartitionsList()) {
                assertThat(partition.getShardReferencesList())
                        .containsExactly(ShardReference.newBuilder().setName("0").build());
            }
        }
    }

    @Test
    void rebuildKeyspaceGraphOfAShardedKeyspaceSortsShardsByKeyRange() {
        topo.createKeyspace("customer", Keyspace.getDefaultInstance());
        topo.createShard("customer", "80-");
        topo.createShard("customer", "-80");

        topo.rebuildKeyspaceGraph("customer", List.of("zone1"));

        SrvKeyspace srvKeyspace = topo.getSrvKeyspace("zone1", "customer");
        assertThat(srvKeyspace.getPartitionsList()).hasSize(3);
        for (SrvKeyspace.KeyspacePartition partition : srvKeyspace.getPartitionsList()) {
            assertThat(partition.getShardReferencesList()).containsExactly(
                    ShardReference.newBuilder().setName("-80").setKeyRange(keyRange("", "80")).build(),
                    ShardReference.newBuilder().setName("80-").setKeyRange(keyRange("80", "")).build());
        }
        assertTopoError(() -> topo.getSrvKeyspace("zone2", "customer"), TopoErrorCode.NO_NODE);
    }

    @Test
    void rebuildKeyspaceGraphListsOnlyServingShardsAndKeepsTabletControls() {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        topo.createShard("ks", "0");
        topo.createShard("ks", "-80");
        topo.createShard("ks", "80-");
        ShardTabletControl control = ShardTabletControl.newBuilder().setName("0").setQueryServiceDisabled(true).build();
        topo.updateSrvKeyspace("zone1", "ks", SrvKeyspace.newBuilder()
                .addPartitions(SrvKeyspace.KeyspacePartition.newBuilder().setServedType(TabletType.RDONLY).addShardTabletControls(control))
                .build());

        topo.rebuildKeyspaceGraph("ks", List.of("zone1"));

        SrvKeyspace srvKeyspace = topo.getSrvKeyspace("zone1", "ks");
        assertThat(srvKeyspace.getPartitionsList()).allSatisfy(partition ->
                assertThat(partition.getShardReferencesList()).extracting(ShardReference::getName).containsExactly("0"));
        assertThat(srvKeyspace.getPartitions(2).getShardTabletControlsList()).containsExactly(control);
        assertThat(srvKeyspace.getPartitions(0).getShardTabletControlsList()).isEmpty();
    }

    @Test
    void rebuildKeyspaceGraphOfAnUnknownKeyspaceFailsWithNoNode() {
        assertTopoError(() -> topo.rebuildKeyspaceGraph("missing", List.of()), TopoErrorCode.NO_NODE);
    }

    @Test
    void rebuildVSchemaGraphCombinesKeyspacesAndRoutingRules() {
        io.jvitess.proto.vschema.Keyspace sharded = io.jvitess.proto.vschema.Keyspace.newBuilder().setSharded(true).build();
        topo.createKeyspace("customer", Keyspace.getDefaultInstance());
        topo.createKeyspace("commerce", Keyspace.getDefaultInstance());
        topo.saveVSchema("customer", sharded);
        RoutingRules rules = RoutingRules.newBuilder()
                .addRules(RoutingRule.newBuilder().setFromTable("orders").addToTables("customer.orders"))
                .build();
        topo.saveRoutingRules(rules);

        topo.rebuildVSchemaGraph(List.of());

        SrvVSchema expected = SrvVSchema.newBuilder()
                .putKeyspaces("customer", sharded)
                .putKeyspaces("commerce", io.jvitess.proto.vschema.Keyspace.getDefaultInstance())
                .setRoutingRules(rules)
                .build();
        assertThat(topo.getSrvVSchema("zone1")).isEqualTo(expected);
        assertThat(topo.getSrvVSchema("zone2")).isEqualTo(expected);
    }

    @Test
    void watchSrvVSchemaSeesRebuilds() throws Exception {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        topo.rebuildVSchemaGraph(List.of("zone1"));
        List<SrvVSchema> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch changed = new CountDownLatch(1);
        WatchListener listener = new WatchListener() {
            @Override
            public void changed(VersionedValue value) {
                try {
                    seen.add(SrvVSchema.parseFrom(value.contents()));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
                changed.countDown();
            }

            @Override
            public void deleted() {
            }
        };

        try (Watch watch = topo.watchSrvVSchema("zone1", listener)) {
            assertThat(SrvVSchema.parseFrom(watch.initial().contents()).getKeyspacesMap()).containsOnlyKeys("ks");
            topo.saveVSchema("ks", io.jvitess.proto.vschema.Keyspace.newBuilder().setSharded(true).build());
            topo.rebuildVSchemaGraph(List.of("zone1"));

            assertThat(changed.await(LONG_WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(seen.getLast().getKeyspacesOrThrow("ks").getSharded()).isTrue();
        }
        assertTopoError(() -> topo.watchSrvVSchema("zone2", listener), TopoErrorCode.NO_NODE);
    }

    @Test
    void watchShardSeesUpdatesAndDeletion() {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        topo.createShard("ks", "0");
        RecordingWatchListener listener = new RecordingWatchListener();

        try (Watch ignored = topo.watchShard("ks", "0", listener)) {
            topo.updateShardFields("ks", "0", shard -> shard.toBuilder().setIsPrimaryServing(false).build());
            assertThat(listener.next()).startsWith("changed:");
            topo.deleteShard("ks", "0");
            assertThat(listener.next()).isEqualTo("deleted");
        }
    }

    @Test
    void keyspaceLockIsExclusive() throws Exception {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        AtomicBoolean firstReleased = new AtomicBoolean();
        AutoCloseable first = topo.lockKeyspace("ks", "first");

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            try (AutoCloseable ignored = topo.lockKeyspace("ks", "second")) {
                return firstReleased.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(second).isNotDone();
        firstReleased.set(true);
        first.close();

        assertThat(second.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(topo.getKeyspaceNames()).containsExactly("ks");
    }

    @Test
    void shardLockIsIndependentOfTheKeyspaceLock() throws Exception {
        topo.createKeyspace("ks", Keyspace.getDefaultInstance());
        topo.createShard("ks", "0");

        try (AutoCloseable keyspaceLock = topo.lockKeyspace("ks", "reshard");
             AutoCloseable shardLock = topo.lockShard("ks", "0", "reparent")) {
            assertThat(keyspaceLock).isNotNull();
            assertThat(shardLock).isNotNull();
        }
        assertThat(topo.getShardNames("ks")).containsExactly("0");
        assertTopoError(() -> topo.lockShard("ks", "missing", "reparent"), TopoErrorCode.NO_NODE);
        assertTopoError(() -> topo.lockKeyspace("missing", "x"), TopoErrorCode.NO_NODE);
    }

    @Test
    void namesThatAreNotPathSegmentsAreRejected() {
        assertTopoError(() -> topo.getKeyspace("a/b"), TopoErrorCode.INVALID_ARGUMENT);
        assertTopoError(() -> topo.getShard("ks", ".."), TopoErrorCode.INVALID_ARGUMENT);
        assertTopoError(() -> topo.createKeyspace("", Keyspace.getDefaultInstance()), TopoErrorCode.INVALID_ARGUMENT);
    }

    protected static Tablet tablet(String cell, int uid, TabletType type) {
        return Tablet.newBuilder()
                .setAlias(TabletAliases.of(cell, uid))
                .setHostname("host-" + uid)
                .setKeyspace("ks")
                .setShard("0")
                .setType(type)
                .putPortMap("grpc", 16000 + uid)
                .build();
    }

    private static KeyRange keyRange(String startHex, String endHex) {
        return KeyRange.newBuilder()
                .setStart(ByteString.copyFrom(HexFormat.of().parseHex(startHex)))
                .setEnd(ByteString.copyFrom(HexFormat.of().parseHex(endHex)))
                .build();
    }
}
