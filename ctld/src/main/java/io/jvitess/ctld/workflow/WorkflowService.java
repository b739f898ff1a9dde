package io.jvitess.ctld.workflow;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vtctldata.*;
import io.jvitess.topo.TopoServer;

import java.time.Clock;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** vtctld's VReplication workflow API: MoveTables, Reshard, Workflow, VDiff and the tablet controls they rely on. */
public final class WorkflowService {

    private final WorkflowTopo topo;
    private final Workflows workflows;
    private final Streams streams;
    private final TabletControls controls;
    private final WorkflowCreator creator;
    private final TrafficSwitcher switcher;
    private final WorkflowCompleter completer;
    private final WorkflowReporter reporter;
    private final VDiffCoordinator vdiff;

    public WorkflowService(TopoServer topoServer, TabletManagerClient tablets, Clock clock) {
        requireNonNull(topoServer, "topoServer is null");
        requireNonNull(tablets, "tablets is null");
        requireNonNull(clock, "clock is null");
        this.topo = new WorkflowTopo(topoServer);
        this.streams = new Streams(tablets, clock);
        this.workflows = new Workflows(topo, streams);
        this.controls = new TabletControls(topoServer, tablets);
        MoveTablesRoutingRules routingRules = new MoveTablesRoutingRules(topoServer);
        TrafficState state = new TrafficState(topoServer, routingRules);
        this.creator = new WorkflowCreator(topo, streams, new SchemaCopier(tablets), controls, routingRules);
        this.switcher = new TrafficSwitcher(topo, workflows, streams, controls, routingRules, state, tablets, clock);
        this.completer = new WorkflowCompleter(topo, workflows, streams, controls, routingRules, state, tablets);
        this.reporter = new WorkflowReporter(topo, workflows, streams, state, tablets, clock);
        this.vdiff = new VDiffCoordinator(workflows, tablets);
    }

    public WorkflowStatusResponse moveTablesCreate(MoveTablesCreateRequest request) {
        creator.moveTables(request);
        return reporter.status(WorkflowStatusRequest.newBuilder().setKeyspace(request.getTargetKeyspace()).setWorkflow(request.getWorkflow()).build());
    }

    public WorkflowStatusResponse reshardCreate(ReshardCreateRequest request) {
        creator.reshard(request);
        return reporter.status(WorkflowStatusRequest.newBuilder().setKeyspace(request.getKeyspace()).setWorkflow(request.getWorkflow()).build());
    }

    public MoveTablesCompleteResponse moveTablesComplete(MoveTablesCompleteRequest request) {
        return completer.complete(request);
    }

    public WorkflowSwitchTrafficResponse switchTraffic(WorkflowSwitchTrafficRequest request) {
        return switcher.switchTraffic(request);
    }

    public WorkflowDeleteResponse delete(WorkflowDeleteRequest request) {
        return completer.delete(request);
    }

    public WorkflowStatusResponse status(WorkflowStatusRequest request) {
        return reporter.status(request);
    }

    public GetWorkflowsResponse getWorkflows(GetWorkflowsRequest request) {
        return reporter.getWorkflows(request);
    }

    public WorkflowUpdateResponse update(WorkflowUpdateRequest request) {
        WorkflowDescriptor workflow = workflows.describe(request.getKeyspace(), request.getWorkflow());
        if (!request.getState().equals("Running") && !request.getState().equals("Stopped")) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid workflow state %s: use Running or Stopped", request.getState());
        }
        WorkflowUpdateResponse.Builder response = WorkflowUpdateResponse.newBuilder();
        for (ShardPrimary target : workflow.targetShards()) {
            if (!request.getShardsList().isEmpty() && !request.getShardsList().contains(target.shard())) {
                continue;
            }
            if (request.getState().equals("Running")) {
                if (workflow.frozen()) {
                    throw VtException.of(VtCode.FAILED_PRECONDITION, "cannot start workflow %s: it is frozen", workflow.name());
                }
                streams.start(target, workflow.name());
            } else {
                streams.stop(target, workflow.name(), "");
            }
            response.addDetails(WorkflowUpdateResponse.TabletInfo.newBuilder().setTablet(target.primary().getAlias()).setChanged(true));
        }
        return response.setSummary("Successfully updated the " + workflow.name() + " workflow on (" + response.getDetailsCount()
                + ") target primary tablets in the " + workflow.targetKeyspace() + " keyspace").build();
    }

    public VDiffCreateResponse vdiffCreate(VDiffCreateRequest request) {
        return vdiff.create(request);
    }

    public VDiffShowResponse vdiffShow(VDiffShowRequest request) {
        return vdiff.show(request);
    }

    public void vdiffAction(String keyspace, String workflow, String action, String argument, List<String> shards) {
        vdiff.act(keyspace, workflow, action, argument, shards);
    }

    public SetShardTabletControlResponse setShardTabletControl(SetShardTabletControlRequest request) {
        String shard = KeyRanges.normalizeShardName(request.getShard());
        topo.shard(request.getKeyspace(), shard);
        if (request.getDeniedTablesCount() > 0 || request.getRemove()) {
            controls.updateDeniedTables(request.getKeyspace(), shard, request.getTabletType(), request.getDeniedTablesList(),
                    request.getRemove());
        } else {
            controls.setQueryServiceDisabled(request.getKeyspace(), shard, request.getTabletType(), request.getDisableQueryService());
        }
        Shard updated = topo.shard(request.getKeyspace(), shard);
        return SetShardTabletControlResponse.newBuilder().setShard(updated).build();
    }

    public RefreshStateByShardResponse refreshStateByShard(RefreshStateByShardRequest request) {
        String shard = KeyRanges.normalizeShardName(request.getShard());
        controls.refresh(List.of(topo.primary(request.getKeyspace(), shard)));
        return RefreshStateByShardResponse.getDefaultInstance();
    }

}
