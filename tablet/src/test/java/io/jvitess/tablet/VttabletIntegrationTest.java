package io.jvitess.tablet;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.mysqlctl.MysqldConfig;
import io.jvitess.proto.query.BeginRequest;
import io.jvitess.proto.query.CommitRequest;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.RollbackRequest;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.queryservice.QueryGrpc;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.topo.TopoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jvitess.tablet.TabletTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two real mysqlds and two in-process tablets on a memory topo: election, replication, queries over gRPC. */
class VttabletIntegrationTest {

    private static final String KEYSPACE = "ks";
    private static final List<Mysqld> mysqlds = new ArrayList<>();
    private static final List<Vttablet> tablets = new ArrayList<>();
    private static final TabletTestSupport support = new TabletTestSupport();
    private static TopoServer topo;

    @BeforeAll
    static void start() throws IOException {
        Path dataRoot = Files.createTempDirectory("vttablet-test");
        topo = TopoServer.inMemory("zone1");
        for (int uid : new int[] {100, 101}) {
            Mysqld mysqld = new Mysqld(MysqldConfig.of(uid, TabletTestSupport.freePort(), dataRoot));
            mysqlds.add(mysqld);
            mysqld.init(Duration.ofMinutes(2));
            TabletConfig config = TabletConfig.defaults(TabletAliases.of("zone1", uid), KEYSPACE, "0", TabletType.REPLICA)
                    .withPorts(TabletTestSupport.freePort(), mysqld.port())
                    .withHealthCheckInterval(Duration.ofMillis(300));
            Vttablet tablet = new Vttablet(config, topo);
            tablet.start();
            tablets.add(tablet);
        }
    }

    @AfterAll
    static void stop() {
        support.close();
        tablets.forEach(Vttablet::close);
        mysqlds.forEach(mysqld -> mysqld.teardown(Duration.ofSeconds(30)));
        if (topo != null) {
            topo.close();
        }
    }

    @Test
    void electsOnePrimaryReplicatesAndServesQueries() {
        Shard shard = eventually(() -> {
            Shard current = topo.getShard(KEYSPACE, "0").value();
            return current.hasPrimaryAlias() ? current : null;
        });
        int primaryIndex = shard.getPrimaryAlias().getUid() == 100 ? 0 : 1;
        Vttablet primary = tablets.get(primaryIndex);
        Vttablet replica = tablets.get(1 - primaryIndex);
        eventually(() -> primary.state().serving() && primary.state().type() == TabletType.PRIMARY ? true : null);
        eventually(() -> replica.health().current().getServing()
                && replica.health().current().getRealtimeStats().getHealthError().isEmpty() ? true : null);
        assertThat(replica.state().type()).isEqualTo(TabletType.REPLICA);
        assertThat(topo.getTablet(shard.getPrimaryAlias()).value().getType()).isEqualTo(TabletType.PRIMARY);

        QueryGrpc.QueryBlockingStub primaryStub = stub(primary);
        QueryGrpc.QueryBlockingStub replicaStub = stub(replica);
        Target primaryTarget = target(TabletType.PRIMARY);
        Target replicaTarget = target(TabletType.REPLICA);
        execute(primaryStub, primaryTarget, "create table t (id bigint primary key, name varchar(20)) engine=InnoDB", 0);
        QueryResult insert = execute(primaryStub, primaryTarget, "insert into t values (1, 'one'), (2, 'two')", 0);
        assertThat(insert.getRowsAffected()).isEqualTo(2);

        QueryResult replicated = eventually(() -> {
            try {
                QueryResult result = execute(replicaStub, replicaTarget, "select id, name from t order by id", 0);
                return result.getRowsCount() == 2 ? result : null;
            } catch (VtException e) {
                return null;
            }
        });
        assertThat(replicated.getFieldsList()).extracting(field -> field.getName()).containsExactly("id", "name");
        assertThat(replicated.getFields(0).getType()).isEqualTo(io.jvitess.proto.query.Type.INT64);
        assertThat(replicated.getRows(1).getValues().toString(StandardCharsets.UTF_8)).isEqualTo("2two");

        assertThatThrownBy(() -> execute(replicaStub, replicaTarget, "insert into t values (3, 'three')", 0))
                .isInstanceOfSatisfying(VtException.class, error -> assertThat(error.errno()).isEqualTo(1290));

        long transaction = primaryStub.begin(BeginRequest.newBuilder().setTarget(primaryTarget).build()).getTransactionId();
        execute(primaryStub, primaryTarget, "insert into t values (3, 'three')", transaction);
        primaryStub.rollback(RollbackRequest.newBuilder().setTarget(primaryTarget).setTransactionId(transaction).build());
        long committed = primaryStub.begin(BeginRequest.newBuilder().setTarget(primaryTarget).build()).getTransactionId();
        execute(primaryStub, primaryTarget, "insert into t values (4, 'four')", committed);
        primaryStub.commit(CommitRequest.newBuilder().setTarget(primaryTarget).setTransactionId(committed).build());
        assertThat(execute(primaryStub, primaryTarget, "select group_concat(id order by id) from t", 0)
                .getRows(0).getValues().toString(StandardCharsets.UTF_8)).isEqualTo("1,2,4");

        assertThatThrownBy(() -> execute(primaryStub, replicaTarget, "select 1", 0))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.code()).isEqualTo(VtCode.FAILED_PRECONDITION);
                    assertThat(error.getMessage()).contains("invalid tablet type");
                });
        assertThatThrownBy(() -> execute(primaryStub, primaryTarget, "select * from nosuch", 0))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.errno()).isEqualTo(1146);
                    assertThat(error.sqlState().sqlState()).isEqualTo("42S02");
                });
        assertThatThrownBy(() -> execute(primaryStub, primaryTarget, "select 1", 12345))
                .isInstanceOfSatisfying(VtException.class, error -> assertThat(error.getMessage()).contains("transaction 12345: not found"));
    }

    /**
     * vtgate sends every session's statements to a tablet over one connection: a statement waiting for a row
     * lock must not hold up the COMMIT (or any other call) that arrives after it, or both would wait for
     * innodb_lock_wait_timeout (50 s).
     */
    @Test
    void aStatementWaitingForARowLockDoesNotHoldUpTheCommitThatReleasesIt() throws Exception {
        Vttablet primary = eventually(() -> tablets.stream()
                .filter(tablet -> tablet.state().serving() && tablet.state().type() == TabletType.PRIMARY).findFirst().orElse(null));
        QueryGrpc.QueryBlockingStub stub = stub(primary);
        Target target = target(TabletType.PRIMARY);
        execute(stub, target, "create table lock_rows (id bigint primary key, v bigint) engine=InnoDB", 0);
        execute(stub, target, "insert into lock_rows values (1, 0)", 0);

        long holder = stub.begin(BeginRequest.newBuilder().setTarget(target).build()).getTransactionId();
        execute(stub, target, "update lock_rows set v = v + 1 where id = 1", holder);
        CompletableFuture<QueryResult> waiter = CompletableFuture.supplyAsync(
                () -> execute(stub, target, "update lock_rows set v = v + 10 where id = 1", 0));
        // The waiting update is inside mysqld, blocked on the lock, while these calls go over the same connection.
        eventually(() -> "1".equals(execute(stub, target,
                "select count(*) from information_schema.innodb_trx where trx_state = 'LOCK WAIT'", 0)
                .getRows(0).getValues().toString(StandardCharsets.UTF_8)) ? true : null);
        assertThat(waiter).isNotDone();
        stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .commit(CommitRequest.newBuilder().setTarget(target).setTransactionId(holder).build());

        assertThat(waiter.get(10, TimeUnit.SECONDS).getRowsAffected()).isEqualTo(1);
        assertThat(execute(stub, target, "select v from lock_rows where id = 1", 0)
                .getRows(0).getValues().toString(StandardCharsets.UTF_8)).isEqualTo("11");
    }

    private static QueryResult execute(QueryGrpc.QueryBlockingStub stub, Target target, String sql, long transactionId) {
        return TabletTestSupport.execute(stub, target, sql, transactionId);
    }

    private static Target target(TabletType type) {
        return TabletTestSupport.target(KEYSPACE, "0", type);
    }

    private static QueryGrpc.QueryBlockingStub stub(Vttablet tablet) {
        return support.stub(tablet);
    }
}
