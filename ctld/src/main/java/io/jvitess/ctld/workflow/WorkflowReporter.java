package io.jvitess.ctld.workflow;

import io.jvitess.common.sqltypes.QueryRows;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.proto.binlogdata.VReplicationWorkflowSubType;
import io.jvitess.proto.binlogdata.VReplicationWorkflowType;
import io.jvitess.proto.topodata.Time;
import io.jvitess.proto.vtctldata.GetWorkflowsRequest;
import io.jvitess.proto.vtctldata.GetWorkflowsResponse;
import io.jvitess.proto.vtctldata.Workflow;
import io.jvitess.proto.vtctldata.WorkflowStatusRequest;
import io.jvitess.proto.vtctldata.WorkflowStatusResponse;
import io.jvitess.common.topoproto.TabletAliases;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** Workflow show/list (GetWorkflows) and status: streams, copy progress, lag and traffic state. */
final class WorkflowReporter {

    private final WorkflowTopo topo;
    private final Workflows workflows;
    private final Streams streams;
    private final TrafficState state;
    private final TabletManagerClient tablets;
    private final Clock clock;

    WorkflowReporter(WorkflowTopo topo, Workflows workflows, Streams streams, TrafficState state, TabletManagerClient tablets, Clock clock) {
        this.topo = requireNonNull(topo, "topo is null");
        this.workflows = requireNonNull(workflows, "workflows is null");
        this.streams = requireNonNull(streams, "streams is null");
        this.state = requireNonNull(state, "state is null");
        this.tablets = requireNonNull(tablets, "tablets is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    GetWorkflowsResponse getWorkflows(GetWorkflowsRequest request) {
        topo.requireKeyspace(request.getKeyspace());
        List<ShardPrimary> primaries = topo.primaries(request.getKeyspace());
        Map<String, List<StreamRow>> byName = request.getWorkflow().isEmpty()
                ? streams.readAll(primaries)
                : Map.of(request.getWorkflow(), streams.read(primaries, request.getWorkflow()));
        GetWorkflowsResponse.Builder response = GetWorkflowsResponse.newBuilder();
        for (Map.Entry<String, List<StreamRow>> entry : byName.entrySet()) {
            List<StreamRow> rows = entry.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            if (request.getActiveOnly() && rows.stream().allMatch(row -> row.state().equals("Stopped"))) {
                continue;
            }
            if (request.getNameOnly()) {
                response.addWorkflows(Workflow.newBuilder().setName(entry.getKey()));
                continue;
            }
            response.addWorkflows(workflow(workflows.describe(request.getKeyspace(), entry.getKey(), rows), request.getIncludeLogs()));
        }
        return response.build();
    }

    private Workflow workflow(WorkflowDescriptor descriptor, boolean includeLogs) {
        long now = clock.instant().getEpochSecond();
        Workflow.Builder workflow = Workflow.newBuilder()
                .setName(descriptor.name())
                .setSource(Workflow.ReplicationLocation.newBuilder().setKeyspace(descriptor.sourceKeyspace())
                        .addAllShards(WorkflowCreator.names(descriptor.sourceShards())))
                .setTarget(Workflow.ReplicationLocation.newBuilder().setKeyspace(descriptor.targetKeyspace())
                        .addAllShards(WorkflowCreator.names(descriptor.targetShards())))
                .setWorkflowType(descriptor.type().name())
                .setWorkflowSubType(subType(descriptor.streams().getFirst().workflowSubType()))
                .setDeferSecondaryKeys(descriptor.streams().getFirst().deferSecondaryKeys());
        long maxLag = 0;
        long maxTransactionLag = 0;
        for (ShardPrimary target : descriptor.targetShards()) {
            Map<Integer, List<Workflow.Stream.CopyState>> copyStates = copyStates(target, descriptor.streamsOf(target));
            Map<Integer, List<Workflow.Stream.Log>> logs = includeLogs ? logs(target, descriptor.streamsOf(target)) : Map.of();
            Workflow.ShardStream.Builder shardStream = Workflow.ShardStream.newBuilder()
                    .addAllTabletControls(target.record().getTabletControlsList())
                    .setIsPrimaryServing(target.record().getIsPrimaryServing());
            for (StreamRow row : descriptor.streamsOf(target)) {
                shardStream.addStreams(Workflow.Stream.newBuilder()
                        .setId(row.id())
                        .setShard(target.shard())
                        .setTablet(target.primary().getAlias())
                        .setBinlogSource(row.source())
                        .setPosition(row.position())
                        .setStopPosition(row.stopPosition())
                        .setState(row.state())
                        .setDbName(target.databaseName())
                        .setTransactionTimestamp(Time.newBuilder().setSeconds(row.transactionTimestamp()))
                        .setTimeUpdated(Time.newBuilder().setSeconds(row.timeUpdated()))
                        .setMessage(row.message())
                        .addAllCopyStates(copyStates.getOrDefault(row.id(), List.of()))
                        .addAllLogs(logs.getOrDefault(row.id(), List.of()))
                        .setRowsCopied(row.rowsCopied()));
                if (row.state().equals("Running") || row.state().equals("Copying")) {
                    maxLag = Math.max(maxLag, Math.max(0, now - row.timeUpdated()));
                    if (row.transactionTimestamp() > 0) {
                        maxTransactionLag = Math.max(maxTransactionLag, Math.max(0, now - row.transactionTimestamp()));
                    }
                }
            }
            workflow.putShardStreams(target.shard() + "/" + TabletAliases.format(target.primary().getAlias()), shardStream.build());
        }
        return workflow.setMaxVReplicationLag(maxLag).setMaxVReplicationTransactionLag(maxTransactionLag).build();
    }

    WorkflowStatusResponse status(WorkflowStatusRequest request) {
        WorkflowDescriptor workflow = workflows.describe(request.getKeyspace(), request.getWorkflow());
        WorkflowStatusResponse.Builder response = WorkflowStatusResponse.newBuilder().setTrafficState(state.describe(workflow));
        Set<String> copying = new LinkedHashSet<>();
        for (ShardPrimary target : workflow.targetShards()) {
            WorkflowStatusResponse.ShardStreams.Builder shardStreams = WorkflowStatusResponse.ShardStreams.newBuilder();
            Map<Integer, List<Workflow.Stream.CopyState>> copyStates = copyStates(target, workflow.streamsOf(target));
            for (StreamRow row : workflow.streamsOf(target)) {
                copyStates.getOrDefault(row.id(), List.of()).forEach(copyState -> copying.add(copyState.getTable()));
                shardStreams.addStreams(WorkflowStatusResponse.ShardStreamState.newBuilder()
                        .setId(row.id())
                        .setTablet(target.primary().getAlias())
                        .setSourceShard(row.source().getKeyspace() + "/" + row.source().getShard())
                        .setPosition(row.position())
                        .setStatus(row.state())
                        .setInfo(info(row)));
            }
            response.putShardStreams(target.shard() + "/" + TabletAliases.format(target.primary().getAlias()), shardStreams.build());
        }
        for (String table : copying) {
            long total = tableRows(workflow.sourceShards(), table);
            long copied = tableRows(workflow.targetShards(), table);
            float percentage = total == 0 ? 100f : Math.min(100f, 100f * copied / total);
            response.putTableCopyState(table, WorkflowStatusResponse.TableCopyState.newBuilder()
                    .setRowsCopied(copied).setRowsTotal(total).setRowsPercentage(percentage).build());
        }
        return response.build();
    }

    private String info(StreamRow row) {
        if (row.frozen()) {
            return "Workflow is frozen";
        }
        if (row.state().equals("Copying")) {
            return "VStream has not started";
        }
        if (!row.message().isEmpty()) {
            return row.message();
        }
        long lag = Math.max(0, clock.instant().getEpochSecond() - row.timeUpdated());
        return "VStream Lag: " + lag + "s";
    }

    /** Rows in the table on the shards: InnoDB's estimate from information_schema, as Vitess reports copy progress. */
    private long tableRows(List<ShardPrimary> shards, String table) {
        long total = 0;
        for (ShardPrimary shard : shards) {
            List<List<SqlValue>> rows = QueryRows.of(tablets.executeFetchAsDba(shard.primary(),
                    "select table_rows from information_schema.tables where table_schema = " + Streams.quote(shard.databaseName())
                            + " and table_name = " + Streams.quote(table), shard.databaseName(), false));
            if (!rows.isEmpty() && !rows.getFirst().getFirst().isNull()) {
                total += rows.getFirst().getFirst().toLong();
            }
        }
        return total;
    }

    private Map<Integer, List<Workflow.Stream.CopyState>> copyStates(ShardPrimary target, List<StreamRow> rows) {
        Map<Integer, List<Workflow.Stream.CopyState>> result = new TreeMap<>();
        if (rows.isEmpty()) {
            return result;
        }
        String ids = String.join(", ", rows.stream().map(row -> Integer.toString(row.id())).toList());
        // The latest row per table is the resume point (older ones await garbage collection).
        String sql = "select vrepl_id, table_name, lastpk from _vt.copy_state where id in (select max(id) from _vt.copy_state "
                + "where vrepl_id in (" + ids + ") group by vrepl_id, table_name) order by vrepl_id, table_name";
        for (List<SqlValue> row : QueryRows.of(tablets.vreplicationExec(target.primary(), sql))) {
            int id = (int) row.get(0).toLong();
            result.computeIfAbsent(id, ignored -> new java.util.ArrayList<>()).add(Workflow.Stream.CopyState.newBuilder()
                    .setStreamId(id)
                    .setTable(row.get(1).text())
                    .setLastPk(row.get(2).isNull() ? "" : row.get(2).text())
                    .build());
        }
        return result;
    }

    private Map<Integer, List<Workflow.Stream.Log>> logs(ShardPrimary target, List<StreamRow> rows) {
        Map<Integer, List<Workflow.Stream.Log>> result = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return result;
        }
        String ids = String.join(", ", rows.stream().map(row -> Integer.toString(row.id())).toList());
        String sql = "select id, vrepl_id, type, state, unix_timestamp(created_at), unix_timestamp(updated_at), message, count "
                + "from _vt.vreplication_log where vrepl_id in (" + ids + ") order by id";
        for (List<SqlValue> row : QueryRows.of(tablets.vreplicationExec(target.primary(), sql))) {
            int id = (int) row.get(1).toLong();
            result.computeIfAbsent(id, ignored -> new java.util.ArrayList<>()).add(Workflow.Stream.Log.newBuilder()
                    .setId(row.get(0).toLong())
                    .setStreamId(id)
                    .setType(row.get(2).text())
                    .setState(row.get(3).text())
                    .setCreatedAt(Time.newBuilder().setSeconds(seconds(row.get(4))))
                    .setUpdatedAt(Time.newBuilder().setSeconds(seconds(row.get(5))))
                    .setMessage(row.get(6).text())
                    .setCount(row.get(7).toLong())
                    .build());
        }
        return result;
    }

    private static long seconds(SqlValue value) {
        return value.isNull() ? 0 : (long) Double.parseDouble(value.text());
    }

    private static String subType(int value) {
        VReplicationWorkflowSubType subType = VReplicationWorkflowSubType.forNumber(value);
        return subType == null ? VReplicationWorkflowSubType.None.name() : subType.name();
    }

    static String typeName(int value) {
        VReplicationWorkflowType type = VReplicationWorkflowType.forNumber(value);
        return type == null ? "Materialize" : type.name();
    }
}
