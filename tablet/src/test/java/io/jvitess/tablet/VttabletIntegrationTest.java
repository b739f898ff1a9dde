package io.jvitess.tablet;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.jvitess.common.errors.GrpcErrors;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.mysqlctl.MysqldConfig;
import io.jvitess.proto.query.BeginRequest;
import io.jvitess.proto.query.BoundQuery;
import io.jvitess.proto.query.CommitRequest;
import io.jvitess.proto.query.ExecuteRequest;
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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two real mysqlds and two in-process tablets on a memory topo: election, replication, queries over gRPC. */
class VttabletIntegrationTest {

    private static final String KEYSPACE = "ks";
    private static final List<Mysqld> mysqlds = new ArrayList<>();
    private static final List<Vttablet> tablets = new ArrayList<>();
    private static final List<ManagedChannel> channels = new ArrayList<>();
    private static TopoServer topo;

    @BeforeAll
    static void start() throws IOException {
        Path dataRoot = Files.createTempDirectory("vttablet-test");
        topo = TopoServer.inMemory("zone1");
        for (int uid : new int[] {100, 101}) {
            Mysqld mysqld = new Mysqld(MysqldConfig.of(uid, freePort(), dataRoot));
            mysqlds.add(mysqld);
            mysqld.init(Duration.ofMinutes(2));
            TabletConfig config = TabletConfig.defaults(TabletAliases.of("zone1", uid), KEYSPACE, "0", TabletType.REPLICA)
                    .withPorts(freePort(), mysqld.port())
                    .withHealthCheckInterval(Duration.ofMillis(300));
            Vttablet tablet = new Vttablet(config, topo);
            tablet.start();
            tablets.add(tablet);
        }
    }

    @AfterAll
    static void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
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

    private static QueryResult execute(QueryGrpc.QueryBlockingStub stub, Target target, String sql, long transactionId) {
        try {
            return stub.execute(ExecuteRequest.newBuilder().setTarget(target).setTransactionId(transactionId)
                    .setQuery(BoundQuery.newBuilder().setSql(sql)).build()).getResult();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.fromStatus(e);
        }
    }

    private static Target target(TabletType type) {
        return Target.newBuilder().setKeyspace(KEYSPACE).setShard("0").setTabletType(type).build();
    }

    private static QueryGrpc.QueryBlockingStub stub(Vttablet tablet) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", tablet.grpcPort()).usePlaintext().build();
        channels.add(channel);
        return QueryGrpc.newBlockingStub(channel);
    }

    private static <T> T eventually(Supplier<T> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("condition not met within 60s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
