package io.jvitess.ctld.workflow;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vtctldata.MoveTablesCompleteRequest;
import io.jvitess.proto.vtctldata.MoveTablesCompleteResponse;
import io.jvitess.proto.vtctldata.WorkflowDeleteRequest;
import io.jvitess.proto.vtctldata.WorkflowDeleteResponse;
import io.jvitess.topo.TopoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Complete (after all traffic is switched) and cancel/delete (before writes are switched) of a workflow. */
final class WorkflowCompleter {

    private static final Logger log = LoggerFactory.getLogger(WorkflowCompleter.class);

    private final WorkflowTopo topo;
    private final Workflows workflows;
    private final Streams streams;
    private final TabletControls controls;
    private final MoveTablesRoutingRules routingRules;
    private final TrafficState state;
    private final TabletManagerClient tablets;

    WorkflowCompleter(WorkflowTopo topo, Workflows workflows, Streams streams, TabletControls controls, MoveTablesRoutingRules routingRules,
                      TrafficState state, TabletManagerClient tablets) {
        this.topo = requireNonNull(topo, "topo is null");
        this.workflows = requireNonNull(workflows, "workflows is null");
        this.streams = requireNonNull(streams, "streams is null");
        this.controls = requireNonNull(controls, "controls is null");
        this.routingRules = requireNonNull(routingRules, "routingRules is null");
        this.state = requireNonNull(state, "state is null");
        this.tablets = requireNonNull(tablets, "tablets is null");
    }

    MoveTablesCompleteResponse complete(MoveTablesCompleteRequest request) {
        WorkflowDescriptor workflow = workflows.describe(request.getTargetKeyspace(), request.getWorkflow());
        String allSwitched = "All Reads Switched. Writes Switched";
        String current = state.describe(workflow);
        if (!current.equals(allSwitched)) {
            throw VtException.of(VtCode.FAILED_PRECONDITION,
                    "cannot complete workflow %s: all traffic must be switched first, current state: %s", workflow.name(), current);
        }
        List<String> plan = new ArrayList<>();
        plan.add("Delete the reverse workflow " + workflow.reverseName() + " on " + workflow.sourceKeyspace()
                + " shards " + WorkflowCreator.names(workflow.sourceShards()));
        if (!workflow.isReshard() && !request.getKeepData()) {
            plan.add((request.getRenameTables() ? "Rename" : "Drop") + " tables " + workflow.tables() + " in " + workflow.sourceKeyspace());
        }
        if (!workflow.isReshard() && !request.getKeepRoutingRules()) {
            plan.add("Delete the routing rules of tables " + workflow.tables());
        }
        plan.add("Delete the workflow " + workflow.name() + " on " + workflow.targetKeyspace() + " shards "
                + WorkflowCreator.names(workflow.targetShards()));
        if (request.getDryRun()) {
            return MoveTablesCompleteResponse.newBuilder()
                    .setSummary("Complete dry run results for workflow " + workflow.targetKeyspace() + "." + workflow.name())
                    .addAllDryRunResults(plan)
                    .build();
        }
        workflow.sourceShards().forEach(source -> streams.delete(source, workflow.reverseName()));
        if (workflow.isReshard()) {
            for (ShardPrimary source : workflow.sourceShards()) {
                controls.setQueryServiceDisabled(source.keyspace(), source.shard(), TabletType.PRIMARY, false);
            }
        } else {
            if (!request.getKeepData()) {
                dropOrRenameSourceTables(workflow, request.getRenameTables());
            }
            for (ShardPrimary source : workflow.sourceShards()) {
                controls.updateDeniedTables(source.keyspace(), source.shard(), TabletType.PRIMARY, workflow.tables(), true);
            }
            controls.refresh(workflow.sourceShards());
            removeFromVSchema(workflow.sourceKeyspace(), workflow.tables());
            if (!request.getKeepRoutingRules()) {
                routingRules.remove(workflow.sourceKeyspace(), workflow.targetKeyspace(), workflow.tables());
            }
        }
        workflow.targetShards().forEach(target -> streams.delete(target, workflow.name()));
        log.info("workflow {}.{} completed", workflow.targetKeyspace(), workflow.name());
        return MoveTablesCompleteResponse.newBuilder()
                .setSummary("Successfully completed the " + workflow.name() + " workflow in the " + workflow.targetKeyspace() + " keyspace")
                .build();
    }

    /** Cancel: the workflow's streams go away and, unless kept, the copied data and routing rules; the source is untouched. */
    WorkflowDeleteResponse delete(WorkflowDeleteRequest request) {
        WorkflowDescriptor workflow = workflows.describe(request.getKeyspace(), request.getWorkflow());
        if (!workflow.frozen() && state.writesSwitched(workflow)) {
            throw VtException.of(VtCode.FAILED_PRECONDITION,
                    "cannot delete workflow %s: writes have been switched; use reversetraffic first, or complete", workflow.name());
        }
        boolean switched = workflow.frozen();
        WorkflowDeleteResponse.Builder response = WorkflowDeleteResponse.newBuilder();
        for (ShardPrimary target : workflow.targetShards()) {
            int deleted = streams.delete(target, workflow.name());
            response.addDetails(WorkflowDeleteResponse.TabletInfo.newBuilder().setTablet(target.primary().getAlias()).setDeleted(deleted > 0));
        }
        if (!workflow.isReshard() && !switched) {
            for (ShardPrimary target : workflow.targetShards()) {
                controls.updateDeniedTables(target.keyspace(), target.shard(), TabletType.PRIMARY, workflow.tables(), true);
            }
            controls.refresh(workflow.targetShards());
            if (!request.getKeepData()) {
                for (ShardPrimary target : workflow.targetShards()) {
                    for (String table : workflow.tables()) {
                        tablets.executeFetchAsDba(target.primary(), "drop table if exists `" + table.replace("`", "``") + "`",
                                target.databaseName(), false);
                    }
                }
                Keyspace targetVSchema = topo.vschema(workflow.targetKeyspace());
                if (!targetVSchema.getSharded()) {
                    removeFromVSchema(workflow.targetKeyspace(), workflow.tables());
                }
            }
            if (!request.getKeepRoutingRules()) {
                routingRules.remove(workflow.sourceKeyspace(), workflow.targetKeyspace(), workflow.tables());
            }
        }
        log.info("workflow {}.{} deleted", workflow.targetKeyspace(), workflow.name());
        return response.setSummary("Successfully cancelled the " + workflow.name() + " workflow in the " + workflow.targetKeyspace()
                + " keyspace").build();
    }

    private void dropOrRenameSourceTables(WorkflowDescriptor workflow, boolean rename) {
        for (ShardPrimary source : workflow.sourceShards()) {
            for (String table : workflow.tables()) {
                String quoted = "`" + table.replace("`", "``") + "`";
                String sql = rename ? "rename table " + quoted + " to `_" + table.replace("`", "``") + "_old`" : "drop table if exists " + quoted;
                tablets.executeFetchAsDba(source.primary(), sql, source.databaseName(), false);
            }
        }
    }

    private void removeFromVSchema(String keyspace, List<String> tables) {
        Keyspace vschema = topo.vschema(keyspace);
        Keyspace.Builder updated = vschema.toBuilder();
        tables.forEach(updated::removeTables);
        if (updated.getTablesCount() != vschema.getTablesCount()) {
            TopoServer server = topo.topo();
            server.saveVSchema(keyspace, updated.build());
            server.rebuildVSchemaGraph(List.of());
        }
    }
}
