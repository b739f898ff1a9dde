package io.jvitess.tablet.tabletmanager;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.StreamObserver;
import io.jvitess.common.errors.GrpcErrors;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.tabletmanagerdata.ChangeTypeRequest;
import io.jvitess.proto.tabletmanagerdata.ChangeTypeResponse;
import io.jvitess.proto.tabletmanagerdata.ExecuteFetchAsAppRequest;
import io.jvitess.proto.tabletmanagerdata.ExecuteFetchAsAppResponse;
import io.jvitess.proto.tabletmanagerdata.ExecuteFetchAsDbaRequest;
import io.jvitess.proto.tabletmanagerdata.ExecuteFetchAsDbaResponse;
import io.jvitess.proto.tabletmanagerdata.GetSchemaRequest;
import io.jvitess.proto.tabletmanagerdata.GetSchemaResponse;
import io.jvitess.proto.tabletmanagerdata.PingRequest;
import io.jvitess.proto.tabletmanagerdata.PingResponse;
import io.jvitess.proto.tabletmanagerdata.PrimaryPositionRequest;
import io.jvitess.proto.tabletmanagerdata.PrimaryPositionResponse;
import io.jvitess.proto.tabletmanagerdata.RefreshStateRequest;
import io.jvitess.proto.tabletmanagerdata.RefreshStateResponse;
import io.jvitess.proto.tabletmanagerdata.ReloadSchemaRequest;
import io.jvitess.proto.tabletmanagerdata.ReloadSchemaResponse;
import io.jvitess.proto.tabletmanagerdata.ReplicationStatusRequest;
import io.jvitess.proto.tabletmanagerdata.ReplicationStatusResponse;
import io.jvitess.proto.tabletmanagerdata.VDiffRequest;
import io.jvitess.proto.tabletmanagerdata.VDiffResponse;
import io.jvitess.proto.tabletmanagerdata.VReplicationExecRequest;
import io.jvitess.proto.tabletmanagerdata.VReplicationExecResponse;
import io.jvitess.proto.tabletmanagerdata.VReplicationWaitForPosRequest;
import io.jvitess.proto.tabletmanagerdata.VReplicationWaitForPosResponse;
import io.jvitess.proto.tabletmanagerservice.TabletManagerGrpc;
import io.jvitess.tablet.mysql.MysqlConnector;
import io.jvitess.tablet.mysql.MysqlErrors;
import io.jvitess.tablet.mysql.ResultConverter;
import io.jvitess.tablet.replication.ReplicationFlavor;
import io.jvitess.tablet.replication.GtidPosition;
import io.jvitess.tablet.replication.ReplicationStatus;
import io.jvitess.tablet.vdiff.VDiffEngine;
import io.jvitess.tablet.vreplication.VReplicationEngine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Administrative calls from vtctld: schema changes as DBA, schema reads, replication facts. */
public final class TabletManagerService extends TabletManagerGrpc.TabletManagerImplBase {

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** How long VReplicationWaitForPos waits when the caller set no deadline. */
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private final MysqlConnector mysql;
    private final String databaseName;
    private final VReplicationEngine vreplication;
    private final Runnable refreshState;
    private final VDiffEngine vdiff;

    /** {@code refreshState} re-reads this tablet's shard record and serving graph (tablet controls) and returns when applied. */
    public TabletManagerService(MysqlConnector mysql, VReplicationEngine vreplication, Runnable refreshState, VDiffEngine vdiff) {
        this.mysql = requireNonNull(mysql, "mysql is null");
        this.vreplication = requireNonNull(vreplication, "vreplication is null");
        this.refreshState = requireNonNull(refreshState, "refreshState is null");
        this.vdiff = requireNonNull(vdiff, "vdiff is null");
        this.databaseName = mysql.databaseName();
    }

    @Override
    public void ping(PingRequest request, StreamObserver<PingResponse> response) {
        unary(response, "ping", () -> PingResponse.newBuilder().setPayload(request.getPayload()).build());
    }

    @Override
    public void executeFetchAsDba(ExecuteFetchAsDbaRequest request, StreamObserver<ExecuteFetchAsDbaResponse> response) {
        String sql = request.getQuery().toString(StandardCharsets.UTF_8);
        unary(response, sql, () -> {
            try (Connection dba = mysql.dba(); Statement statement = dba.createStatement()) {
                if (request.getDisableBinlogs()) {
                    statement.execute("SET sql_log_bin = 0");
                }
                try {
                    String database = request.getDbName().isEmpty() ? databaseName : request.getDbName();
                    statement.execute("USE `" + database.replace("`", "``") + "`");
                    return ExecuteFetchAsDbaResponse.newBuilder().setResult(run(statement, sql)).build();
                } finally {
                    if (request.getDisableBinlogs()) {
                        statement.execute("SET sql_log_bin = 1");
                    }
                }
            }
        });
    }

    @Override
    public void executeFetchAsApp(ExecuteFetchAsAppRequest request, StreamObserver<ExecuteFetchAsAppResponse> response) {
        String sql = request.getQuery().toString(StandardCharsets.UTF_8);
        unary(response, sql, () -> {
            try (Connection app = mysql.app(); Statement statement = app.createStatement()) {
                return ExecuteFetchAsAppResponse.newBuilder().setResult(run(statement, sql)).build();
            }
        });
    }

    @Override
    public void getSchema(GetSchemaRequest request, StreamObserver<GetSchemaResponse> response) {
        unary(response, "GetSchema", () -> {
            try (Connection dba = mysql.dba()) {
                return GetSchemaResponse.newBuilder()
                        .setSchemaDefinition(SchemaReader.read(dba, databaseName, Set.copyOf(request.getTablesList()),
                                Set.copyOf(request.getExcludeTablesList()), request.getIncludeViews(), request.getTableSchemaOnly()))
                        .build();
            }
        });
    }

    @Override
    public void reloadSchema(ReloadSchemaRequest request, StreamObserver<ReloadSchemaResponse> response) {
        // No schema cache yet: every read goes to mysqld, so there is nothing to reload.
        unary(response, "ReloadSchema", ReloadSchemaResponse::getDefaultInstance);
    }

    @Override
    public void changeType(ChangeTypeRequest request, StreamObserver<ChangeTypeResponse> response) {
        response.onError(GrpcErrors.toStatus(VtException.of(VtCode.UNIMPLEMENTED, "ChangeType is not supported yet")));
    }

    @Override
    public void primaryPosition(PrimaryPositionRequest request, StreamObserver<PrimaryPositionResponse> response) {
        unary(response, "PrimaryPosition", () -> {
            try (Connection dba = mysql.dba()) {
                ReplicationFlavor flavor = ReplicationFlavor.detect(dba);
                return PrimaryPositionResponse.newBuilder().setPosition(flavor.name() + "/" + flavor.position(dba)).build();
            }
        });
    }

    @Override
    public void replicationStatus(ReplicationStatusRequest request, StreamObserver<ReplicationStatusResponse> response) {
        unary(response, "ReplicationStatus", () -> {
            try (Connection dba = mysql.dba()) {
                ReplicationFlavor flavor = ReplicationFlavor.detect(dba);
                Optional<ReplicationStatus> status = flavor.status(dba);
                if (status.isEmpty()) {
                    throw VtException.of(VtCode.FAILED_PRECONDITION, "not a replica: replication is not configured");
                }
                ReplicationStatus replication = status.get();
                return ReplicationStatusResponse.newBuilder()
                        .setPosition(flavor.name() + "/" + flavor.position(dba))
                        .setSourceHost(replication.sourceHost())
                        .setSourcePort(replication.sourcePort())
                        .setIoRunning(replication.ioRunning())
                        .setSqlRunning(replication.sqlRunning())
                        .setReplicationLagSeconds((int) replication.lagSeconds().orElse(0))
                        .setLastError(replication.lastError())
                        .build();
            }
        });
    }

    @Override
    public void vReplicationExec(VReplicationExecRequest request, StreamObserver<VReplicationExecResponse> response) {
        unary(response, request.getQuery(), () ->
                VReplicationExecResponse.newBuilder().setResult(vreplication.exec(request.getQuery())).build());
    }

    @Override
    public void vReplicationWaitForPos(VReplicationWaitForPosRequest request, StreamObserver<VReplicationWaitForPosResponse> response) {
        unary(response, "VReplicationWaitForPos", () -> {
            Deadline deadline = Context.current().getDeadline();
            Duration timeout = deadline == null ? DEFAULT_WAIT : Duration.ofMillis(Math.max(0, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
            vreplication.waitForPosition(request.getId(), GtidPosition.parse(request.getPosition()), timeout);
            return VReplicationWaitForPosResponse.getDefaultInstance();
        });
    }

    @Override
    public void refreshState(RefreshStateRequest request, StreamObserver<RefreshStateResponse> response) {
        unary(response, "RefreshState", () -> {
            refreshState.run();
            return RefreshStateResponse.getDefaultInstance();
        });
    }

    @Override
    public void vDiff(VDiffRequest request, StreamObserver<VDiffResponse> response) {
        unary(response, "VDiff", () -> vdiff.handle(request));
    }

    private static QueryResult run(Statement statement, String sql) throws SQLException {
        if (statement.execute(sql)) {
            try (ResultSet result = statement.getResultSet()) {
                return ResultConverter.result(result);
            }
        }
        return QueryResult.newBuilder().setRowsAffected(Math.max(0, statement.getUpdateCount())).build();
    }

    private static <T> void unary(StreamObserver<T> response, String sql, SqlCall<T> call) {
        T result;
        try {
            result = call.call();
        } catch (SQLException e) {
            response.onError(GrpcErrors.toStatus(MysqlErrors.fromSql(e, sql, "vt_dba")));
            return;
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.toStatus(e));
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }
}
