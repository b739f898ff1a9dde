package io.jvitess.tablet;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.jvitess.common.errors.GrpcErrors;
import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.BoundQuery;
import io.jvitess.proto.query.ExecuteRequest;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.queryservice.QueryGrpc;
import io.jvitess.proto.tabletmanagerdata.RefreshStateRequest;
import io.jvitess.proto.tabletmanagerservice.TabletManagerGrpc;
import io.jvitess.proto.topodata.TabletType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What the tablet integration tests share: gRPC calls to a tablet, polling, free ports, a DBA connection. */
final class TabletTestSupport implements AutoCloseable {

    private final List<ManagedChannel> channels = new ArrayList<>();

    QueryGrpc.QueryBlockingStub stub(Vttablet tablet) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", tablet.grpcPort()).usePlaintext().build();
        channels.add(channel);
        return QueryGrpc.newBlockingStub(channel);
    }

    TabletManagerGrpc.TabletManagerBlockingStub manager(Vttablet tablet) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", tablet.grpcPort()).usePlaintext().build();
        channels.add(channel);
        return TabletManagerGrpc.newBlockingStub(channel);
    }

    /** What vtctld calls after changing a tablet's controls in the topo: returns once the tablet applied them. */
    void refreshState(Vttablet tablet) {
        manager(tablet).refreshState(RefreshStateRequest.getDefaultInstance());
    }

    static QueryResult execute(QueryGrpc.QueryBlockingStub stub, Target target, String sql, long transactionId) {
        return execute(stub, target, sql, transactionId, Map.of());
    }

    static QueryResult execute(QueryGrpc.QueryBlockingStub stub, Target target, String sql, long transactionId,
                               Map<String, BindVariable> bindVariables) {
        try {
            return stub.execute(ExecuteRequest.newBuilder().setTarget(target).setTransactionId(transactionId)
                    .setQuery(BoundQuery.newBuilder().setSql(sql).putAllBindVariables(bindVariables)).build()).getResult();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.fromStatus(e);
        }
    }

    /** The first column of the first row as text. */
    static String firstValue(QueryResult result) {
        int length = (int) result.getRows(0).getLengths(0);
        return result.getRows(0).getValues().substring(0, length).toString(StandardCharsets.UTF_8);
    }

    static Target target(String keyspace, String shard, TabletType type) {
        return Target.newBuilder().setKeyspace(keyspace).setShard(shard).setTabletType(type).build();
    }

    static Connection dba(Mysqld mysqld) throws SQLException {
        return DriverManager.getConnection(mysqld.jdbcUrl("", Mysqld.DBA_USER), Mysqld.DBA_USER, "");
    }

    static <T> T eventually(Supplier<T> probe) {
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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
    }
}
