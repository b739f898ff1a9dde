package io.jvitess.cli.vtctldclient;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.proto.vtctldata.ReshardCreateRequest;
import io.jvitess.proto.vtctldata.WorkflowStatusResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code Reshard --workflow W --target-keyspace K <subcommand>}: split or merge the shards of a keyspace. */
@Command(mixinStandardHelpOptions = true, name = "Reshard", aliases = "reshard",
        description = "Perform commands related to resharding a keyspace.",
        subcommands = {
                ReshardCommand.Create.class, WorkflowSubcommands.Show.class, WorkflowSubcommands.Status.class,
                WorkflowSubcommands.SwitchTraffic.class, WorkflowSubcommands.ReverseTraffic.class, WorkflowSubcommands.Complete.class,
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

    @Command(mixinStandardHelpOptions = true, name = "create", description = "Create and optionally run a Reshard VReplication workflow.")
    static final class Create extends WorkflowSubcommands.CreateWorkflow {
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
        WorkflowStatusResponse create() {
            return parent.stub().reshardCreate(request());
        }
    }
}
