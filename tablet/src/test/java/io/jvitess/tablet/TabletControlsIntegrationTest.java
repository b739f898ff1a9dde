package io.jvitess.tablet;

import io.grpc.StatusRuntimeException;
import io.jvitess.common.errors.GrpcErrors;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.proto.query.BeginExecuteRequest;
import io.jvitess.proto.query.BeginRequest;
import io.jvitess.proto.query.BoundQuery;
import io.jvitess.proto.query.RollbackRequest;
import io.jvitess.proto.query.StreamExecuteRequest;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.queryservice.QueryGrpc;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.ShardTabletControl;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.topo.TopoServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.jvitess.tablet.TabletTestSupport.eventually;
import static io.jvitess.tablet.TabletTestSupport.execute;
import static io.jvitess.tablet.TabletTestSupport.firstValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tablet controls as SwitchTraffic sets them: denied tables in the shard record (MoveTables) and a
 * disabled query service in SrvKeyspace (Reshard), applied when vtctld calls RefreshState.
 */
class TabletControlsIntegrationTest {

    private static final String CELL = "zone1";
    private static final String KEYSPACE = "ks";
    private static final String DENIED = "disallowed due to rule: enforce denied tables";
    private static final TabletTestSupport support = new TabletTestSupport();
    private static SharedMysqldTablets tablets;
    private static TopoServer topo;
    private static Vttablet primary;
    private static QueryGrpc.QueryBlockingStub queries;

    @BeforeAll
    static void start() throws IOException {
        tablets = new SharedMysqldTablets("tablet-controls-test", CELL);
        topo = tablets.topo();
        primary = startTablet(1, "0");
        queries = support.stub(primary);
        for (String sql : List.of("create table customer (id bigint primary key)", "create table corder (id bigint primary key)",
                "create table product (id bigint primary key)", "insert into customer values (1)", "insert into product values (1)")) {
            execute(queries, target(), sql, 0);
        }
    }

    private static Vttablet startTablet(int uid, String shard) {
        Vttablet tablet = tablets.start(tablets.config(uid, KEYSPACE, shard, TabletType.REPLICA)
                .withDatabaseName("vt_ks_" + shard)
                .withReplicationManaged(false));
        eventually(() -> tablet.state().type() == TabletType.PRIMARY && tablet.state().serving() ? true : null);
        return tablet;
    }

    @AfterAll
    static void stop() {
        support.close();
        if (tablets != null) {
            tablets.close();
        }
    }

    @AfterEach
    void clearControls() {
        topo.updateShardFields(KEYSPACE, "0", shard -> shard.toBuilder().clearTabletControls().build());
        topo.rebuildKeyspaceGraph(KEYSPACE, List.of(CELL));
        setQueryServiceDisabled(false);
        support.refreshState(primary);
    }

    @Test
    void deniedTablesRefuseStatementsOnThemUntilRemoved() throws SQLException {
        denyTables(TabletType.PRIMARY, List.of(), List.of("customer", "/^cord/"));
        support.refreshState(primary);

        assertDenied(() -> execute(queries, target(), "select * from customer", 0));
        assertDenied(() -> execute(queries, target(), "insert into `CUSTOMER` values (2)", 0));
        assertDenied(() -> execute(queries, target(), "select p.id from product p join ks.customer c on c.id = p.id", 0));
        assertDenied(() -> execute(queries, target(), "update corder set id = 2 where id = 1", 0));
        assertDenied(() -> execute(queries, target(), "select next value from customer", 0));
        assertDenied(() -> execute(queries, target(), "this is not sql but mentions customer", 0));
        assertDenied(() -> queries.streamExecute(StreamExecuteRequest.newBuilder().setTarget(target())
                .setQuery(BoundQuery.newBuilder().setSql("select * from customer")).build()).forEachRemaining(ignored -> {
                }));
        assertDenied(() -> queries.beginExecute(BeginExecuteRequest.newBuilder().setTarget(target())
                .setQuery(BoundQuery.newBuilder().setSql("delete from customer")).build()));
        long transactionId = queries.begin(BeginRequest.newBuilder().setTarget(target()).build()).getTransactionId();
        assertDenied(() -> execute(queries, target(), "delete from customer", transactionId));
        queries.rollback(RollbackRequest.newBuilder().setTarget(target()).setTransactionId(transactionId).build());

        assertThat(firstValue(execute(queries, target(), "select count(*) from product", 0))).isEqualTo("1");
        assertThat(firstValue(execute(queries, target(), "select 'customer'", 0))).as("a string is not a table").isEqualTo("customer");
        try (Connection dba = TabletTestSupport.dba(tablets.mysqld()); Statement statement = dba.createStatement();
             ResultSet rows = statement.executeQuery("select id from vt_ks_0.customer")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(1);
            assertThat(rows.next()).as("no refused statement ran").isFalse();
        }
    }

    @Test
    void deniedTablesApplyOnlyToTheirTabletTypeAndCells() {
        denyTables(TabletType.REPLICA, List.of(), List.of("customer"));
        denyTables(TabletType.PRIMARY, List.of("zone2"), List.of("customer"));
        support.refreshState(primary);
        assertThat(firstValue(execute(queries, target(), "select count(*) from customer", 0))).isEqualTo("1");

        topo.updateShardFields(KEYSPACE, "0", shard -> shard.toBuilder().clearTabletControls().build());
        denyTables(TabletType.PRIMARY, List.of("zone2", CELL), List.of("customer"));
        support.refreshState(primary);
        assertDenied(() -> execute(queries, target(), "select count(*) from customer", 0));

        topo.updateShardFields(KEYSPACE, "0", shard -> shard.toBuilder().clearTabletControls().build());
        support.refreshState(primary);
        assertThat(firstValue(execute(queries, target(), "select count(*) from customer", 0))).as("removed: served again").isEqualTo("1");
    }

    @Test
    void disabledQueryServiceStopsServingUntilCleared() {
        setQueryServiceDisabled(true);
        support.refreshState(primary);

        assertThatThrownBy(() -> execute(queries, target(), "select count(*) from product", 0))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.code()).isEqualTo(VtCode.CLUSTER_EVENT);
                    assertThat(error.getMessage()).isEqualTo("operation not allowed in state NOT_SERVING");
                });
        assertThat(primary.health().current().getServing()).isFalse();
        assertThat(primary.state().type()).as("still the shard's primary, only not serving").isEqualTo(TabletType.PRIMARY);

        setQueryServiceDisabled(false);
        support.refreshState(primary);
        assertThat(primary.health().current().getServing()).isTrue();
        assertThat(firstValue(execute(queries, target(), "select count(*) from product", 0))).isEqualTo("1");
    }

    @Test
    void aReshardTargetShardDoesNotRebuildTheServingGraph() {
        // Reads already switched to the new shards, writes not yet: a rebuild would put [0] back in REPLICA.
        SrvKeyspace midReshard = SrvKeyspace.newBuilder()
                .addPartitions(partition(TabletType.PRIMARY, "0"))
                .addPartitions(partition(TabletType.REPLICA, "-80", "80-"))
                .addPartitions(partition(TabletType.RDONLY, "-80", "80-"))
                .build();
        topo.updateSrvKeyspace(CELL, KEYSPACE, midReshard);

        startTablet(2, "-80");

        Shard created = topo.getShard(KEYSPACE, "-80").value();
        assertThat(created.getIsPrimaryServing()).isFalse();
        assertThat(topo.getSrvKeyspace(CELL, KEYSPACE)).isEqualTo(midReshard);
    }

    private static SrvKeyspace.KeyspacePartition partition(TabletType type, String... shards) {
        SrvKeyspace.KeyspacePartition.Builder partition = SrvKeyspace.KeyspacePartition.newBuilder().setServedType(type);
        for (String shard : shards) {
            ShardReference.Builder reference = ShardReference.newBuilder().setName(shard);
            if (KeyRanges.isRangeBased(shard)) {
                reference.setKeyRange(KeyRanges.fromShardName(shard));
            }
            partition.addShardReferences(reference);
        }
        return partition.build();
    }

    private static void denyTables(TabletType type, List<String> cells, List<String> tables) {
        topo.updateShardFields(KEYSPACE, "0", shard -> shard.toBuilder()
                .addTabletControls(Shard.TabletControl.newBuilder().setTabletType(type).addAllCells(cells).addAllDeniedTables(tables))
                .build());
    }

    /** What SetShardTabletControl --disable-query-service writes for the PRIMARY of shard 0. */
    private static void setQueryServiceDisabled(boolean disabled) {
        SrvKeyspace current = topo.getSrvKeyspace(CELL, KEYSPACE);
        SrvKeyspace.Builder updated = current.toBuilder();
        for (SrvKeyspace.KeyspacePartition.Builder partition : updated.getPartitionsBuilderList()) {
            if (partition.getServedType() == TabletType.PRIMARY) {
                partition.clearShardTabletControls();
                if (disabled) {
                    partition.addShardTabletControls(ShardTabletControl.newBuilder().setName("0").setQueryServiceDisabled(true));
                }
            }
        }
        topo.updateSrvKeyspace(CELL, KEYSPACE, updated.build());
    }

    private static void assertDenied(ThrowingCallable call) {
        assertThatThrownBy(() -> {
            try {
                call.call();
            } catch (StatusRuntimeException e) {
                throw GrpcErrors.fromStatus(e);
            }
        }).isInstanceOfSatisfying(VtException.class, error -> {
            assertThat(error.code()).isEqualTo(VtCode.FAILED_PRECONDITION);
            assertThat(error.getMessage()).isEqualTo(DENIED);
        });
    }

    private static Target target() {
        return TabletTestSupport.target(KEYSPACE, "0", TabletType.PRIMARY);
    }
}
