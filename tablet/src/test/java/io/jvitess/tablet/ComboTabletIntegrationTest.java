package io.jvitess.tablet;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.query.StreamHealthResponse;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.queryservice.QueryGrpc;
import io.jvitess.proto.topodata.TabletAlias;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.topodata.Time;
import io.jvitess.topo.TopoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static io.jvitess.tablet.TabletTestSupport.eventually;
import static io.jvitess.tablet.TabletTestSupport.execute;
import static io.jvitess.tablet.TabletTestSupport.firstValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * vtcombo mode: a primary, a replica and an rdonly tablet on ONE mysqld and one database, with
 * replication and read_only left alone; roles still follow the shard record.
 */
class ComboTabletIntegrationTest {

    private static final String KEYSPACE = "combo";
    private static final String SHARD = "-80";
    private static final String DATABASE = "vt_combo_-80";
    private static final TabletTestSupport support = new TabletTestSupport();
    private static SharedMysqldTablets tablets;
    private static TopoServer topo;
    private static Vttablet primary;
    private static Vttablet replica;
    private static Vttablet rdonly;

    @BeforeAll
    static void start() throws IOException {
        tablets = new SharedMysqldTablets("combo-test", "test");
        topo = tablets.topo();
        // The primary-elect starts first so it wins the election, as VttestCluster does.
        primary = startTablet(1, TabletType.REPLICA);
        eventually(() -> primary.state().serving() && primary.state().type() == TabletType.PRIMARY ? true : null);
        replica = startTablet(2, TabletType.REPLICA);
        rdonly = startTablet(3, TabletType.RDONLY);
    }

    private static Vttablet startTablet(int uid, TabletType type) {
        return tablets.start(tablets.config(uid, KEYSPACE, SHARD, type)
                .withDatabaseName(DATABASE)
                .withReplicationManaged(false));
    }

    @AfterAll
    static void stop() {
        support.close();
        if (tablets != null) {
            tablets.close();
        }
    }

    @Test
    void replicaAndRdonlyServeThePrimarysDatabaseWithoutReplication() throws SQLException {
        assertThat(topo.getShard(KEYSPACE, SHARD).value().getPrimaryAlias().getUid()).isEqualTo(1);
        StreamHealthResponse replicaHealth = eventually(() -> healthyOrNull(replica));
        StreamHealthResponse rdonlyHealth = eventually(() -> healthyOrNull(rdonly));
        assertThat(replicaHealth.getTarget().getTabletType()).isEqualTo(TabletType.REPLICA);
        assertThat(rdonlyHealth.getTarget().getTabletType()).isEqualTo(TabletType.RDONLY);
        assertThat(topo.getTablet(TabletAliases.of("test", 2)).value().getPortMapOrThrow("grpc"))
                .as("the tablet registers the port it bound").isEqualTo(replica.grpcPort());

        execute(support.stub(primary), target(TabletType.PRIMARY), "create table t (id bigint primary key, name varchar(20))", 0);
        execute(support.stub(primary), target(TabletType.PRIMARY), "insert into t values (1, 'one')", 0);
        assertThat(firstValue(execute(support.stub(replica), target(TabletType.REPLICA), "select name from t where id = 1", 0))).isEqualTo("one");
        assertThat(firstValue(execute(support.stub(rdonly), target(TabletType.RDONLY), "select database()", 0))).isEqualTo(DATABASE);

        try (Connection dba = TabletTestSupport.dba(tablets.mysqld()); Statement statement = dba.createStatement()) {
            try (ResultSet readOnly = statement.executeQuery("select @@global.read_only")) {
                readOnly.next();
                assertThat(readOnly.getInt(1)).as("read_only is never switched on").isZero();
            }
            try (ResultSet replication = statement.executeQuery("show all slaves status")) {
                assertThat(replication.next()).as("no replication was configured").isFalse();
            }
        }
    }

    @Test
    void sequencesAreServedOnlyByThePrimaryAndRestartFromNextIdAfterEachPromotion() {
        QueryGrpc.QueryBlockingStub toPrimary = support.stub(primary);
        QueryGrpc.QueryBlockingStub toReplica = support.stub(replica);
        execute(toPrimary, target(TabletType.PRIMARY),
                "create table promo_seq (id int, next_id bigint, cache bigint, primary key(id)) comment 'vitess_sequence'", 0);
        execute(toPrimary, target(TabletType.PRIMARY), "insert into promo_seq values (0, 1000, 100)", 0);
        assertThat(firstValue(execute(toPrimary, target(TabletType.PRIMARY), "select next value from promo_seq", 0))).isEqualTo("1000");

        eventually(() -> healthyOrNull(replica));
        assertThatThrownBy(() -> execute(toReplica, target(TabletType.REPLICA), "select next value from promo_seq", 0))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.code()).isEqualTo(VtCode.FAILED_PRECONDITION);
                    assertThat(error.getMessage()).isEqualTo("select next values from promo_seq needs a PRIMARY tablet: this tablet is REPLICA");
                });

        makePrimary(TabletAliases.of("test", 2), replica, primary);
        assertThat(firstValue(execute(toReplica, target(TabletType.PRIMARY), "select next value from promo_seq", 0)))
                .as("the new primary starts from next_id").isEqualTo("1100");

        makePrimary(TabletAliases.of("test", 1), primary, replica);
        assertThat(firstValue(execute(toPrimary, target(TabletType.PRIMARY), "select next value from promo_seq", 0)))
                .as("values cached in the earlier term (1001..1099) are dropped").isEqualTo("1200");
    }

    /** What PlannedReparentShard records: the shard's new primary; the tablets follow the record. */
    private static void makePrimary(TabletAlias alias, Vttablet promoted, Vttablet demoted) {
        long now = System.currentTimeMillis() / 1000;
        topo.updateShardFields(KEYSPACE, SHARD, shard -> shard.toBuilder()
                .setPrimaryAlias(alias)
                .setPrimaryTermStartTime(Time.newBuilder().setSeconds(now))
                .build());
        eventually(() -> promoted.state().type() == TabletType.PRIMARY && promoted.state().serving() ? true : null);
        eventually(() -> demoted.state().type() == TabletType.REPLICA ? true : null);
    }

    private static StreamHealthResponse healthyOrNull(Vttablet tablet) {
        StreamHealthResponse health = tablet.health().current();
        return health.getServing() && health.getRealtimeStats().getHealthError().isEmpty() ? health : null;
    }

    private static Target target(TabletType type) {
        return TabletTestSupport.target(KEYSPACE, SHARD, type);
    }
}
