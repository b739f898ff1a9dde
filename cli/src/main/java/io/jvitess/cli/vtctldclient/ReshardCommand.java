package io.jvitess.cli.vtctldclient;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.proto.vtctldata.GetWorkflowsRequest;
import io.jvitess.proto.vtctldata.MoveTablesCompleteResponse;
import io.jvitess.proto.vtctldata.ReshardCreateRequest;
import io.jvitess.proto.vtctldata.WorkflowDeleteRequest;
import io.jvitess.proto.vtctldata.WorkflowStatusRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code Reshard --workflow W --target-keyspace K <subcommand>}: split or merge the shards of a keyspace. */
@Command(name = "Reshard", aliases = "reshard",
        description = "Perform commands related to resharding a keyspace.",
        subcommands = {
                ReshardCommand.Create.class, WorkflowSubcommands.Show.class, WorkflowSubcommands.Status.class,
                WorkflowSubcommands.SwitchTraffic.class, WorkflowSubcommands.ReverseTraffic.class, ReshardCommand.Complete.class,
                WorkflowSubcommands.Cancel.class, WorkflowSubcommands.Start.class, WorkflowSubcommands.Stop.class
        })
final class ReshardCommand extends WorkflowTarget {

    static List<String> shardNames(String flag, List<String> names) {
        List<String> shards = WorkflowSubcommands.trimmed(names);
        for (String shard : shards) {
            if (!KeyRanges.isValidShardName(shard)) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid shard in --%s: %s", flag, shard);
            }
        }
        return shards;
    }

    @Command(name = "create", description = "Create and optionally run a Reshard VReplication workflow.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        WorkflowTarget parent;
        @Mixin
        WorkflowSubcommands.CreateFlags createFlags;
        @Option(names = {"--source-shards", "--source_shards"}, required = true, split = ",", description = "Source shards.")
        List<String> sourceShards;
        @Option(names = {"--target-shards", "--target_shards"}, required = true, split = ",", description = "Target shards.")
        List<String> targetShards;
        @Option(names = {"--skip-schema-copy", "--skip_schema_copy"}, arity = "0..1", fallbackValue = "true",
                description = "Skip copying the schema from the source shards to the target shards.")
        boolean skipSchemaCopy;

        ReshardCreateRequest request() {
            return ReshardCreateRequest.newBuilder()
                    .setWorkflow(parent.workflow())
                    .setKeyspace(parent.keyspace())
                    .addAllSourceShards(shardNames("source-shards", sourceShards))
                    .addAllTargetShards(shardNames("target-shards", targetShards))
                    .addAllCells(createFlags.cells(parent))
                    .addAllTabletTypes(createFlags.tabletTypes())
                    .setSkipSchemaCopy(skipSchemaCopy)
                    .setOnDdl(createFlags.onDdlAction())
                    .setStopAfterCopy(createFlags.stopAfterCopy)
                    .setDeferSecondaryKeys(createFlags.deferSecondaryKeys)
                    .setAutoStart(createFlags.autoStart)
                    .build();
        }

        @Override
        public Integer call() {
            boolean json = parent.jsonFormat();
            var response = parent.stub().reshardCreate(request());
            WorkflowSubcommands.print(json ? parent.json(response) + "\n" : WorkflowOutput.status(parent.keyspace(), parent.workflow(), response));
            return 0;
        }
    }

    /**
     * Reshard complete deletes the workflow and its {@code <workflow>_reverse} twin but keeps the data: the target shards
     * now serve it and the source shards are removed later with DeleteShards.
     */
    @Command(name = "complete", description = "Complete a Reshard VReplication workflow once all traffic has been switched.")
    static final class Complete implements Callable<Integer> {
        @ParentCommand
        WorkflowTarget parent;

        WorkflowDeleteRequest request(String workflow) {
            return WorkflowDeleteRequest.newBuilder().setKeyspace(parent.keyspace()).setWorkflow(workflow)
                    .setKeepData(true).setKeepRoutingRules(false).build();
        }

        @Override
        public Integer call() {
            boolean json = parent.jsonFormat();
            String trafficState = parent.stub().workflowStatus(WorkflowStatusRequest.newBuilder().setKeyspace(parent.keyspace())
                    .setWorkflow(parent.workflow()).build()).getTrafficState();
            if (!fullySwitched(trafficState)) {
                throw VtException.of(VtCode.FAILED_PRECONDITION,
                        "cannot complete workflow because you have not yet switched all read and write traffic");
            }
            parent.stub().workflowDelete(request(parent.workflow()));
            String reverse = parent.workflow() + "_reverse";
            if (exists(reverse)) {
                parent.stub().workflowDelete(request(reverse));
            }
            String summary = WorkflowOutput.completedSummary(parent.keyspace(), parent.workflow());
            WorkflowSubcommands.print(json
                    ? WorkflowTarget.compactJson(MoveTablesCompleteResponse.newBuilder().setSummary(summary).build()) + "\n"
                    : WorkflowOutput.complete(summary, List.of()));
            return 0;
        }

        /** Only the states known to mean "not everything switched" block; an unknown state is the server's to judge. */
        static boolean fullySwitched(String trafficState) {
            return !trafficState.contains("Not Switched") && !trafficState.toLowerCase(java.util.Locale.ROOT).contains("partially");
        }

        private boolean exists(String workflow) {
            try {
                return parent.stub().getWorkflows(GetWorkflowsRequest.newBuilder().setKeyspace(parent.keyspace()).setWorkflow(workflow)
                        .setNameOnly(true).build()).getWorkflowsList().stream().anyMatch(found -> found.getName().equals(workflow));
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return false;
                }
                throw e;
            }
        }
    }
}
