package io.jvitess.cli.vtctldclient;

import io.jvitess.cli.GoDuration;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.common.topoproto.TabletTypes;
import io.jvitess.proto.binlogdata.OnDDLAction;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vtctldata.GetCellInfoNamesRequest;
import io.jvitess.proto.vtctldata.GetWorkflowsRequest;
import io.jvitess.proto.vtctldata.MoveTablesCompleteRequest;
import io.jvitess.proto.vtctldata.MoveTablesCompleteResponse;
import io.jvitess.proto.vtctldata.WorkflowDeleteRequest;
import io.jvitess.proto.vtctldata.WorkflowDeleteResponse;
import io.jvitess.proto.vtctldata.WorkflowStatusRequest;
import io.jvitess.proto.vtctldata.WorkflowStatusResponse;
import io.jvitess.proto.vtctldata.WorkflowSwitchTrafficRequest;
import io.jvitess.proto.vtctldata.WorkflowUpdateRequest;
import io.jvitess.proto.vtctldata.WorkflowUpdateResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The MoveTables and Reshard subcommands that are the same for both: show, status, traffic switching, complete, cancel,
 * start, stop; show, start, stop and the delete flags are shared with Workflow too.
 */
final class WorkflowSubcommands {

    /** Default source tablet types for create, as vtctldclient sends them. */
    static final List<TabletType> CREATE_TABLET_TYPES = List.of(TabletType.REPLICA, TabletType.PRIMARY);
    /** switchtraffic and reversetraffic switch every serving type unless told otherwise. */
    static final List<TabletType> SWITCH_TABLET_TYPES = List.of(TabletType.PRIMARY, TabletType.REPLICA, TabletType.RDONLY);

    private WorkflowSubcommands() {
    }

    static void print(String text) {
        PrintWriter out = VtctldClientCommand.out();
        out.print(text);
        out.flush();
    }

    static void println(String text) {
        VtctldClientCommand.out().println(text);
    }

    /** {@code --tablet-types replica,RDONLY}: case-insensitive, with Vitess's old aliases. */
    static final class TabletTypeConverter implements CommandLine.ITypeConverter<TabletType> {
        @Override
        public TabletType convert(String value) {
            if (value.isBlank()) {
                throw new CommandLine.TypeConversionException("invalid tablet-types value, at least one valid tablet type must be specified");
            }
            try {
                return TabletTypes.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    /** The flags every create subcommand has. */
    static final class CreateFlags {
        @Option(names = {"--cells", "-c"}, split = ",", description = "Cells and/or CellAliases to copy table data from.")
        List<String> cells = new ArrayList<>();
        @Option(names = {"--all-cells", "-a"}, description = "Copy table data from any existing cell.")
        boolean allCells;
        @Option(names = {"--tablet-types", "--tablet_types"}, split = ",", converter = TabletTypeConverter.class,
                description = "Source tablet types to replicate table data from (e.g. PRIMARY,REPLICA,RDONLY).")
        List<TabletType> tabletTypes = new ArrayList<>();
        // Accepted for compatibility: jvitess's source tablet picker always honours the order given.
        @Option(names = "--tablet-types-in-preference-order", arity = "0..1", fallbackValue = "true", defaultValue = "true")
        boolean tabletTypesInPreferenceOrder;
        @Option(names = {"--on-ddl", "--on_ddl"}, defaultValue = "IGNORE",
                description = "What to do when DDL is encountered in the VReplication stream: IGNORE, STOP, EXEC or EXEC_IGNORE.")
        String onDdl;
        @Option(names = "--defer-secondary-keys", arity = "0..1", fallbackValue = "true", defaultValue = "true",
                description = "Defer secondary index creation for a table until after it has been copied.")
        boolean deferSecondaryKeys;
        @Option(names = "--auto-start", arity = "0..1", fallbackValue = "true", defaultValue = "true",
                description = "Start the workflow after creating it.")
        boolean autoStart;
        @Option(names = "--stop-after-copy", arity = "0..1", fallbackValue = "true",
                description = "Stop the workflow after it's finished copying the existing rows and before it starts replicating changes.")
        boolean stopAfterCopy;

        OnDDLAction onDdlAction() {
            String upper = onDdl.trim().toUpperCase(Locale.ROOT);
            for (OnDDLAction action : OnDDLAction.values()) {
                if (action != OnDDLAction.UNRECOGNIZED && action.name().equals(upper)) {
                    return action;
                }
            }
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid on-ddl value: %s", onDdl);
        }

        List<TabletType> tabletTypes() {
            return tabletTypes.isEmpty() ? CREATE_TABLET_TYPES : List.copyOf(tabletTypes);
        }

        /** The cells to copy from; {@code --all-cells} asks vtctld for every cell, as Vitess does. */
        List<String> cells(WorkflowTarget target) {
            List<String> given = trimmed(cells);
            if (allCells && !given.isEmpty()) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "cannot specify both --cells and --all-cells");
            }
            if (allCells) {
                return target.stub().getCellInfoNames(GetCellInfoNamesRequest.getDefaultInstance()).getNamesList();
            }
            return given;
        }
    }

    /** Show prints the workflow as vtctld's GetWorkflows returns it, for Workflow, MoveTables and Reshard alike. */
    abstract static class ShowWorkflow implements Callable<Integer> {
        @Option(names = {"--include-logs", "--include_logs"}, arity = "0..1", fallbackValue = "true", defaultValue = "true",
                description = "Include recent logs for the workflow.")
        boolean includeLogs;

        abstract WorkflowScope scope();

        GetWorkflowsRequest request() {
            WorkflowScope scope = scope();
            return GetWorkflowsRequest.newBuilder().setKeyspace(scope.keyspace()).setWorkflow(scope.workflow())
                    .setIncludeLogs(includeLogs).build();
        }

        @Override
        public Integer call() {
            println(scope().json(scope().stub().getWorkflows(request())));
            return 0;
        }
    }

    /** MoveTables and Reshard create: the shared flags, then the new workflow's status as vtctld returns it. */
    abstract static class CreateWorkflow implements Callable<Integer> {
        @ParentCommand
        WorkflowTarget parent;
        @Mixin
        CreateFlags createFlags;

        /** Sends the create request to vtctld. */
        abstract WorkflowStatusResponse create();

        @Override
        public Integer call() {
            boolean json = parent.jsonFormat();
            printStatus(parent, json, create());
            return 0;
        }
    }

    /** create and status print the workflow's status: proto JSON, or Vitess's text. */
    static void printStatus(WorkflowTarget target, boolean json, WorkflowStatusResponse response) {
        print(json ? target.json(response) + "\n" : WorkflowOutput.status(target.keyspace(), target.workflow(), response));
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show the details for a VReplication workflow.")
    static final class Show extends ShowWorkflow {
        @ParentCommand
        WorkflowTarget parent;

        @Override
        WorkflowScope scope() {
            return parent;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "status", description = "Show the current status for a VReplication workflow.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        WorkflowTarget parent;
        @Option(names = "--shards", split = ",", description = "Only these shards.")
        List<String> shards = new ArrayList<>();

        @Override
        public Integer call() {
            boolean json = parent.jsonFormat(true);
            var response = parent.stub().workflowStatus(WorkflowStatusRequest.newBuilder().setKeyspace(parent.keyspace())
                    .setWorkflow(parent.workflow()).addAllShards(trimmed(shards)).build());
            printStatus(parent, json, response);
            return 0;
        }
    }

    /** switchtraffic and reversetraffic differ only in their direction. */
    abstract static class TrafficSwitch implements Callable<Integer> {
        private final String commandName;
        private final int direction;
        @ParentCommand
        WorkflowTarget parent;
        @Option(names = {"--cells", "-c"}, split = ",", description = "Cells and/or CellAliases to switch traffic in.")
        List<String> cells = new ArrayList<>();
        @Option(names = {"--tablet-types", "--tablet_types"}, split = ",", converter = TabletTypeConverter.class,
                description = "Tablet types to switch traffic for (default: all).")
        List<TabletType> tabletTypes = new ArrayList<>();
        @Option(names = "--timeout", defaultValue = "30s", converter = GoDuration.class,
                description = "How long to wait for VReplication to catch up on primary tablets; the switch is cancelled on timeout.")
        Duration timeout;
        @Option(names = {"--max-replication-lag-allowed", "--max_replication_lag_allowed"}, defaultValue = "30s", converter = GoDuration.class,
                description = "Allow traffic to be switched only if VReplication lag is below this.")
        Duration maxReplicationLagAllowed;
        @Option(names = {"--enable-reverse-replication", "--enable_reverse_replication"}, arity = "0..1", fallbackValue = "true",
                defaultValue = "true", description = "Set up replication back to the source keyspace so that the cutover can be rolled back.")
        boolean enableReverseReplication;
        @Option(names = {"--dry-run", "--dry_run"}, arity = "0..1", fallbackValue = "true",
                description = "Print the actions that would be taken and report any known errors that would have occurred.")
        boolean dryRun;
        @Option(names = "--force", arity = "0..1", fallbackValue = "true",
                description = "Switch even if non-critical actions, such as refreshing some tablets, fail.")
        boolean force;
        @Option(names = {"--initialize-target-sequences", "--initialize_target_sequences"}, arity = "0..1", fallbackValue = "true",
                description = "MoveTables to a sharded keyspace: initialize the sequences the target tables use when switching writes.")
        boolean initializeTargetSequences;

        TrafficSwitch(String commandName, int direction) {
            this.commandName = commandName;
            this.direction = direction;
        }

        WorkflowSwitchTrafficRequest request() {
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "timeout value must be at least 1 second");
            }
            return WorkflowSwitchTrafficRequest.newBuilder()
                    .setKeyspace(parent.keyspace())
                    .setWorkflow(parent.workflow())
                    .addAllCells(trimmed(cells))
                    .addAllTabletTypes(tabletTypes.isEmpty() ? SWITCH_TABLET_TYPES : tabletTypes)
                    .setMaxReplicationLagAllowedSeconds(maxReplicationLagAllowed.toSeconds())
                    .setEnableReverseReplication(enableReverseReplication)
                    .setDirection(direction)
                    .setTimeoutSeconds(timeout.toSeconds())
                    .setDryRun(dryRun)
                    .setInitializeTargetSequences(initializeTargetSequences)
                    .setForce(force)
                    .build();
        }

        @Override
        public Integer call() {
            boolean json = parent.jsonFormat();
            WorkflowSwitchTrafficRequest request = request();
            var response = parent.stub().workflowSwitchTraffic(request);
            print(json
                    ? WorkflowTarget.compactJson(response) + "\n"
                    : WorkflowOutput.switchTraffic(commandName, request.getKeyspace(), request.getWorkflow(), dryRun, response));
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "switchtraffic", description = "Switch traffic for a VReplication workflow.")
    static final class SwitchTraffic extends TrafficSwitch {
        SwitchTraffic() {
            super("SwitchTraffic", 0);
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "reversetraffic", description = "Reverse traffic for a VReplication workflow.")
    static final class ReverseTraffic extends TrafficSwitch {
        ReverseTraffic() {
            super("ReverseTraffic", 1);
        }
    }

    /** MoveTables and Reshard complete: vtctld drops or keeps the sources and deletes the workflow and its reverse. */
    @Command(mixinStandardHelpOptions = true, name = "complete",
            description = "Complete a VReplication workflow once all traffic has been switched.")
    static final class Complete implements Callable<Integer> {
        @ParentCommand
        WorkflowTarget parent;
        @Option(names = {"--keep-data", "--keep_data"}, arity = "0..1", fallbackValue = "true",
                description = "Keep the original source table data that was copied by the workflow.")
        boolean keepData;
        @Option(names = {"--keep-routing-rules", "--keep_routing_rules"}, arity = "0..1", fallbackValue = "true",
                description = "Keep the routing rules that direct table traffic from the source keyspace to the target keyspace.")
        boolean keepRoutingRules;
        @Option(names = {"--rename-tables", "--rename_tables"}, arity = "0..1", fallbackValue = "true",
                description = "Keep the original source tables, renamed to '_<tablename>_old'.")
        boolean renameTables;
        @Option(names = {"--dry-run", "--dry_run"}, arity = "0..1", fallbackValue = "true",
                description = "Print the actions that would be taken and report any known errors that would have occurred.")
        boolean dryRun;

        MoveTablesCompleteRequest request() {
            return MoveTablesCompleteRequest.newBuilder().setWorkflow(parent.workflow()).setTargetKeyspace(parent.keyspace())
                    .setKeepData(keepData).setKeepRoutingRules(keepRoutingRules).setRenameTables(renameTables).setDryRun(dryRun).build();
        }

        @Override
        public Integer call() {
            boolean json = parent.jsonFormat();
            MoveTablesCompleteResponse response = parent.stub().moveTablesComplete(request());
            if (json) {
                print(WorkflowTarget.compactJson(response) + "\n");
            } else {
                String summary = response.getSummary().isEmpty() && !dryRun
                        ? WorkflowOutput.completedSummary(parent.keyspace(), parent.workflow())
                        : response.getSummary();
                print(WorkflowOutput.complete(summary, response.getDryRunResultsList()));
            }
            return 0;
        }
    }

    /** The flags of Workflow delete and of MoveTables and Reshard cancel: both delete the workflow. */
    static final class DeleteFlags {
        @Option(names = {"--keep-data", "--keep_data"}, arity = "0..1", fallbackValue = "true",
                description = "Keep the partially copied table data from the workflow in the target keyspace.")
        boolean keepData;
        @Option(names = {"--keep-routing-rules", "--keep_routing_rules"}, arity = "0..1", fallbackValue = "true",
                description = "Keep the routing rules created for the workflow.")
        boolean keepRoutingRules;
        @Option(names = "--shards", split = ",", description = "Only these shards.")
        List<String> shards = new ArrayList<>();

        WorkflowDeleteRequest request(WorkflowScope scope) {
            return WorkflowDeleteRequest.newBuilder().setKeyspace(scope.keyspace()).setWorkflow(scope.workflow())
                    .setKeepData(keepData).setKeepRoutingRules(keepRoutingRules).addAllShards(trimmed(shards)).build();
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "cancel", description = "Cancel a VReplication workflow: delete it and, unless --keep-data, its copied tables.")
    static final class Cancel implements Callable<Integer> {
        @ParentCommand
        WorkflowTarget parent;
        @Mixin
        DeleteFlags deleteFlags;

        WorkflowDeleteRequest request() {
            return deleteFlags.request(parent);
        }

        @Override
        public Integer call() {
            boolean json = parent.jsonFormat();
            WorkflowDeleteResponse response = parent.stub().workflowDelete(request());
            if (json) {
                print(WorkflowTarget.compactJson(sorted(response)) + "\n");
            } else {
                String summary = response.getSummary().isEmpty()
                        ? WorkflowOutput.cancelledSummary(parent.keyspace(), parent.workflow())
                        : response.getSummary();
                print(WorkflowOutput.cancel(summary));
            }
            return 0;
        }
    }

    /**
     * Start and stop, for Workflow, MoveTables and Reshard: set the state of the workflow's streams and print the
     * per-tablet result as JSON.
     */
    abstract static class StateChange implements Callable<Integer> {
        private final String state;
        @Option(names = "--shards", split = ",", description = "Only these shards.")
        List<String> shards = new ArrayList<>();

        StateChange(String state) {
            this.state = state;
        }

        abstract WorkflowScope scope();

        WorkflowUpdateRequest request() {
            WorkflowScope scope = scope();
            return WorkflowUpdateRequest.newBuilder().setKeyspace(scope.keyspace()).setWorkflow(scope.workflow())
                    .setState(state).addAllShards(trimmed(shards)).build();
        }

        @Override
        public Integer call() {
            println(scope().json(sorted(scope().stub().workflowUpdate(request()))));
            return 0;
        }
    }

    /** Start and stop under MoveTables and Reshard, which name the workflow before the subcommand. */
    abstract static class TargetStateChange extends StateChange {
        @ParentCommand
        WorkflowTarget parent;

        TargetStateChange(String state) {
            super(state);
        }

        @Override
        WorkflowScope scope() {
            return parent;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "start", description = "Start a VReplication workflow.")
    static final class Start extends TargetStateChange {
        Start() {
            super("Running");
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "stop", description = "Stop a VReplication workflow.")
    static final class Stop extends TargetStateChange {
        Stop() {
            super("Stopped");
        }
    }

    /** Vitess sorts the per-tablet details for deterministic output. */
    static WorkflowUpdateResponse sorted(WorkflowUpdateResponse response) {
        List<WorkflowUpdateResponse.TabletInfo> details = new ArrayList<>(response.getDetailsList());
        details.sort(Comparator.comparing(info -> TabletAliases.format(info.getTablet())));
        return response.toBuilder().clearDetails().addAllDetails(details).build();
    }

    static WorkflowDeleteResponse sorted(WorkflowDeleteResponse response) {
        List<WorkflowDeleteResponse.TabletInfo> details = new ArrayList<>(response.getDetailsList());
        details.sort(Comparator.comparing(info -> TabletAliases.format(info.getTablet())));
        return response.toBuilder().clearDetails().addAllDetails(details).build();
    }
}
