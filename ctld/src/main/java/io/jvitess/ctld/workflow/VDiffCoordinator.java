package io.jvitess.ctld.workflow;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.proto.tabletmanagerdata.VDiffOptions;
import io.jvitess.proto.tabletmanagerdata.VDiffRequest;
import io.jvitess.proto.tabletmanagerdata.VDiffResponse;
import io.jvitess.proto.vtctldata.VDiffCreateRequest;
import io.jvitess.proto.vtctldata.VDiffCreateResponse;
import io.jvitess.proto.vtctldata.VDiffShowRequest;
import io.jvitess.proto.vtctldata.VDiffShowResponse;

import java.util.List;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** VDiff runs on each target primary of the workflow (reference §8.4); vtctld fans the action out and gathers the reports. */
final class VDiffCoordinator {

    private final Workflows workflows;
    private final TabletManagerClient tablets;

    VDiffCoordinator(Workflows workflows, TabletManagerClient tablets) {
        this.workflows = requireNonNull(workflows, "workflows is null");
        this.tablets = requireNonNull(tablets, "tablets is null");
    }

    VDiffCreateResponse create(VDiffCreateRequest request) {
        WorkflowDescriptor workflow = workflows.describe(request.getTargetKeyspace(), request.getWorkflow());
        String uuid = request.getUuid().isEmpty() ? UUID.randomUUID().toString() : request.getUuid();
        VDiffOptions options = VDiffOptions.newBuilder()
                .addAllTables(request.getTablesList())
                .setMaxReportSampleRows(request.getMaxReportSampleRows() > 0 ? request.getMaxReportSampleRows() : 10)
                .setFilteredReplicationWaitTimeSeconds(request.getFilteredReplicationWaitTimeSeconds() > 0
                        ? request.getFilteredReplicationWaitTimeSeconds() : 30)
                .setOnlyPks(request.getOnlyPks())
                .setMaxExtraRowsToCompare(request.getMaxExtraRowsToCompare() > 0 ? request.getMaxExtraRowsToCompare() : 1000)
                .setAutoRetry(request.getAutoRetry())
                .build();
        for (ShardPrimary target : workflow.targetShards()) {
            tablets.vdiff(target.primary(), request(workflow, "create", "", uuid).setOptions(options).build());
        }
        return VDiffCreateResponse.newBuilder().setUUID(uuid).build();
    }

    VDiffShowResponse show(VDiffShowRequest request) {
        WorkflowDescriptor workflow = workflows.describe(request.getTargetKeyspace(), request.getWorkflow());
        String argument = request.getArg().isEmpty() ? "last" : request.getArg();
        VDiffShowResponse.Builder response = VDiffShowResponse.newBuilder();
        for (ShardPrimary target : workflow.targetShards()) {
            VDiffResponse shardResponse = tablets.vdiff(target.primary(), request(workflow, "show", argument, isUuid(argument) ? argument : "")
                    .build());
            response.putTabletResponses(target.shard(), shardResponse);
        }
        return response.build();
    }

    /** stop, resume or delete on every target shard (or the listed ones). */
    void act(String keyspace, String workflowName, String action, String argument, List<String> shards) {
        WorkflowDescriptor workflow = workflows.describe(keyspace, workflowName);
        if (argument.isEmpty()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "a VDiff UUID is required for %s", action);
        }
        for (ShardPrimary target : workflow.targetShards()) {
            if (shards.isEmpty() || shards.contains(target.shard())) {
                tablets.vdiff(target.primary(), request(workflow, action, argument, isUuid(argument) ? argument : "").build());
            }
        }
    }

    private static VDiffRequest.Builder request(WorkflowDescriptor workflow, String action, String argument, String uuid) {
        return VDiffRequest.newBuilder()
                .setKeyspace(workflow.targetKeyspace())
                .setWorkflow(workflow.name())
                .setAction(action)
                .setActionArg(argument)
                .setVdiffUuid(uuid);
    }

    private static boolean isUuid(String argument) {
        try {
            UUID.fromString(argument);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
