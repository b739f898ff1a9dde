package io.jvitess.cli.vtctldclient;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.vtctldata.MoveTablesCreateRequest;
import io.jvitess.proto.vtctldata.WorkflowStatusResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code MoveTables --workflow W --target-keyspace K <subcommand>}: move tables between keyspaces with VReplication. */
@Command(mixinStandardHelpOptions = true, name = "MoveTables", aliases = "movetables",
        description = "Perform commands related to moving tables from a source keyspace to a target keyspace.",
        subcommands = {
                MoveTablesCommand.Create.class, WorkflowSubcommands.Show.class, WorkflowSubcommands.Status.class,
                WorkflowSubcommands.SwitchTraffic.class, WorkflowSubcommands.ReverseTraffic.class, WorkflowSubcommands.Complete.class,
                WorkflowSubcommands.Cancel.class, WorkflowSubcommands.Start.class, WorkflowSubcommands.Stop.class
        })
final class MoveTablesCommand extends WorkflowTarget {

    @Command(mixinStandardHelpOptions = true, name = "create", description = "Create and optionally run a MoveTables VReplication workflow.")
    static final class Create extends WorkflowSubcommands.CreateWorkflow {
        @Option(names = {"--source-keyspace", "--source_keyspace"}, required = true, description = "Keyspace where the tables are being moved from.")
        String sourceKeyspace;
        @Option(names = {"--tables", "--include-tables"}, split = ",", description = "Source tables to include in the workflow.")
        List<String> tables;
        @Option(names = "--all-tables", description = "Copy all tables from the source.")
        boolean allTables;
        @Option(names = "--exclude-tables", split = ",", description = "Source tables to exclude from the workflow (with --all-tables).")
        List<String> excludeTables = new ArrayList<>();
        @Option(names = "--source-shards", split = ",", description = "Source shards to copy data from (partial MoveTables).")
        List<String> sourceShards = new ArrayList<>();
        @Option(names = "--source-time-zone", defaultValue = "", description = "Time zone of the source; datetime columns are converted to UTC.")
        String sourceTimeZone;
        @Option(names = "--no-routing-rules", arity = "0..1", fallbackValue = "true", description = "Do not create routing rules for the tables.")
        boolean noRoutingRules;
        @Option(names = "--atomic-copy", arity = "0..1", fallbackValue = "true",
                description = "Copy all tables in one consistent snapshot (requires --all-tables).")
        boolean atomicCopy;

        MoveTablesCreateRequest request() {
            if (tables == null && !allTables) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "tables or all-tables are required to specify which tables to move");
            }
            List<String> included = tables == null ? List.of() : WorkflowSubcommands.trimmed(tables);
            List<String> excluded = WorkflowSubcommands.trimmed(excludeTables);
            if (atomicCopy) {
                List<String> problems = new ArrayList<>();
                if (!allTables) {
                    problems.add("atomic copy requires --all-tables");
                }
                if (!included.isEmpty() || !excluded.isEmpty()) {
                    problems.add("atomic copy does not support specifying tables");
                }
                if (!problems.isEmpty()) {
                    throw VtException.of(VtCode.INVALID_ARGUMENT, "found options incompatible with atomic copy: %s", String.join(", ", problems));
                }
            }
            return MoveTablesCreateRequest.newBuilder()
                    .setWorkflow(parent.workflow())
                    .setTargetKeyspace(parent.keyspace())
                    .setSourceKeyspace(sourceKeyspace)
                    .addAllSourceShards(WorkflowSubcommands.trimmed(sourceShards))
                    .setSourceTimeZone(sourceTimeZone)
                    .addAllCells(createFlags.cells(parent))
                    .addAllTabletTypes(createFlags.tabletTypes())
                    .setAllTables(allTables)
                    .addAllIncludeTables(included)
                    .addAllExcludeTables(excluded)
                    .setOnDdl(createFlags.onDdlAction())
                    .setDeferSecondaryKeys(createFlags.deferSecondaryKeys)
                    .setAutoStart(createFlags.autoStart)
                    .setStopAfterCopy(createFlags.stopAfterCopy)
                    .setNoRoutingRules(noRoutingRules)
                    .setAtomicCopy(atomicCopy)
                    .build();
        }

        @Override
        WorkflowStatusResponse create() {
            return parent.stub().moveTablesCreate(request());
        }
    }
}
