package io.jvitess.ctld.tabletmanager;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.jvitess.common.errors.GrpcErrors;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.tabletmanagerdata.ExecuteFetchAsDbaRequest;
import io.jvitess.proto.tabletmanagerdata.GetSchemaRequest;
import io.jvitess.proto.tabletmanagerdata.PrimaryPositionRequest;
import io.jvitess.proto.tabletmanagerdata.RefreshStateRequest;
import io.jvitess.proto.tabletmanagerdata.VDiffRequest;
import io.jvitess.proto.tabletmanagerdata.VDiffResponse;
import io.jvitess.proto.tabletmanagerdata.VReplicationExecRequest;
import io.jvitess.proto.tabletmanagerdata.VReplicationWaitForPosRequest;
import io.jvitess.proto.tabletmanagerdata.SchemaDefinition;
import io.jvitess.proto.tabletmanagerservice.TabletManagerGrpc;
import io.jvitess.proto.topodata.Tablet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Calls a tablet's TabletManager service; one channel per tablet address, reused. */
public final class TabletManagerClient implements AutoCloseable {

    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final Duration timeout;

    public TabletManagerClient(Duration timeout) {
        this.timeout = timeout;
    }

    public QueryResult executeFetchAsDba(Tablet tablet, String sql, String databaseName, boolean disableBinlogs) {
        try {
            return stub(tablet).executeFetchAsDba(ExecuteFetchAsDbaRequest.newBuilder()
                    .setQuery(ByteString.copyFrom(sql, StandardCharsets.UTF_8))
                    .setDbName(databaseName)
                    .setDisableBinlogs(disableBinlogs)
                    .build()).getResult();
        } catch (StatusRuntimeException e) {
            throw fromTablet(tablet, e);
        }
    }

    public SchemaDefinition getSchema(Tablet tablet, GetSchemaRequest request) {
        try {
            return stub(tablet).getSchema(request).getSchemaDefinition();
        } catch (StatusRuntimeException e) {
            throw fromTablet(tablet, e);
        }
    }

    /** Runs a statement on the tablet's {@code _vt.vreplication} tables; the tablet restarts the streams it changed. */
    public QueryResult vreplicationExec(Tablet tablet, String sql) {
        try {
            return stub(tablet).vReplicationExec(VReplicationExecRequest.newBuilder().setQuery(sql).build()).getResult();
        } catch (StatusRuntimeException e) {
            throw fromTablet(tablet, e);
        }
    }

    /** Waits until stream {@code id} on the tablet has applied {@code position}, for at most {@code wait}. */
    public void vreplicationWaitForPos(Tablet tablet, int id, String position, Duration wait) {
        try {
            stub(tablet, wait).vReplicationWaitForPos(VReplicationWaitForPosRequest.newBuilder().setId(id).setPosition(position).build());
        } catch (StatusRuntimeException e) {
            throw fromTablet(tablet, e);
        }
    }

    public String primaryPosition(Tablet tablet) {
        try {
            return stub(tablet).primaryPosition(PrimaryPositionRequest.getDefaultInstance()).getPosition();
        } catch (StatusRuntimeException e) {
            throw fromTablet(tablet, e);
        }
    }

    /** Makes the tablet re-read its shard record and serving graph (denied tables, query service) before returning. */
    public void refreshState(Tablet tablet) {
        try {
            stub(tablet).refreshState(RefreshStateRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            throw fromTablet(tablet, e);
        }
    }

    public VDiffResponse vdiff(Tablet tablet, VDiffRequest request) {
        try {
            return stub(tablet).vDiff(request);
        } catch (StatusRuntimeException e) {
            throw fromTablet(tablet, e);
        }
    }

    private TabletManagerGrpc.TabletManagerBlockingStub stub(Tablet tablet) {
        return stub(tablet, timeout);
    }

    private TabletManagerGrpc.TabletManagerBlockingStub stub(Tablet tablet, Duration deadline) {
        String address = tablet.getHostname() + ":" + tablet.getPortMapOrThrow("grpc");
        ManagedChannel channel = channels.computeIfAbsent(address, ignored -> NettyChannelBuilder
                .forAddress(tablet.getHostname(), tablet.getPortMapOrThrow("grpc"))
                .usePlaintext()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build());
        return TabletManagerGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .withMaxOutboundMessageSize(MAX_MESSAGE_BYTES);
    }

    private static VtException fromTablet(Tablet tablet, StatusRuntimeException error) {
        return GrpcErrors.fromStatus(error).withPrefix("tablet " + TabletAliases.format(tablet.getAlias()) + ": ");
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
