package io.jvitess.cli.vtctldclient;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.vtctldata.GetWorkflowsRequest;
import io.jvitess.proto.vtctldata.GetWorkflowsResponse;
import io.jvitess.proto.vtctldata.Workflow;
import io.jvitess.proto.vtctldata.WorkflowDeleteRequest;
import io.jvitess.proto.vtctldata.WorkflowUpdateRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code Workflow --keyspace K <subcommand>}: generic VReplication workflow actions. */
@Command(mixinStandardHelpOptions = true, name = "Workflow", aliases = "workflow",
        description = "Administer VReplication workflows (Reshard, MoveTables, etc) in the given keyspace.",
        subcommands = {
                WorkflowCommand.ListWorkflows.class, WorkflowCommand.Show.class, WorkflowCommand.Start.class,
                WorkflowCommand.Stop.class, WorkflowCommand.Delete.class
        })
final class WorkflowCommand implements Runnable {

    @ParentCommand
    VtctldClientCommand root;
    CommandSpec spec;
    @Option(names = {"--keyspace", "-k"}, scope = ScopeType.INHERIT, description = "Keyspace context for the workflow.")
    String keyspace;

    /** Subcommands are matched case-insensitively, so Vitess's {@code create} and {@code Create} both work. */
    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        spec.subcommandsCaseInsensitive(true);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    String keyspace() {
        if (keyspace == null || keyspace.isBlank()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "required flag(s) \"keyspace\" not set");
        }
        return keyspace;
    }

    /** Vitess prints the names as a Go string slice: {@code ["commerce2customer"]}, indented. */
    static String names(GetWorkflowsResponse response) {
        return GoJson.pretty(response.getWorkflowsList().stream().map(Workflow::getName).toList());
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the VReplication workflows in the given keyspace.")
    static final class ListWorkflows implements Callable<Integer> {
        @ParentCommand
        WorkflowCommand parent;

        @Override
        public Integer call() {
            var response = parent.root.stub().getWorkflows(GetWorkflowsRequest.newBuilder().setKeyspace(parent.keyspace()).setNameOnly(true).build());
            WorkflowSubcommands.println(names(response));
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show the details for a VReplication workflow.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        WorkflowCommand parent;
        @Option(names = {"--workflow", "-w"}, required = true, description = "The workflow you want the details for.")
        String workflow;
        @Option(names = {"--include-logs", "--include_logs"}, arity = "0..1", fallbackValue = "true", defaultValue = "true",
                description = "Include recent logs for the workflow.")
        boolean includeLogs;

        GetWorkflowsRequest request() {
            return GetWorkflowsRequest.newBuilder().setKeyspace(parent.keyspace()).setWorkflow(workflow).setIncludeLogs(includeLogs).build();
        }

        @Override
        public Integer call() {
            WorkflowSubcommands.println(parent.root.json(parent.root.stub().getWorkflows(request())));
            return 0;
        }
    }

    abstract static class StateChange implements Callable<Integer> {
        @ParentCommand
        WorkflowCommand parent;
        @Option(names = {"--workflow", "-w"}, required = true, description = "The workflow to act on.")
        String workflow;
        @Option(names = "--shards", split = ",", description = "Only these shards.")
        List<String> shards = new ArrayList<>();

        abstract String state();

        WorkflowUpdateRequest request() {
            return WorkflowUpdateRequest.newBuilder().setKeyspace(parent.keyspace()).setWorkflow(workflow).setState(state())
                    .addAllShards(WorkflowSubcommands.trimmed(shards)).build();
        }

        @Override
        public Integer call() {
            WorkflowSubcommands.println(parent.root.json(WorkflowSubcommands.sorted(parent.root.stub().workflowUpdate(request()))));
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "start", description = "Start a VReplication workflow.")
    static final class Start extends StateChange {
        @Override
        String state() {
            return "Running";
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "stop", description = "Stop a VReplication workflow.")
    static final class Stop extends StateChange {
        @Override
        String state() {
            return "Stopped";
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "delete", description = "Delete a VReplication workflow.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        WorkflowCommand parent;
        @Option(names = {"--workflow", "-w"}, required = true, description = "The workflow you want to delete.")
        String workflow;
        @Option(names = {"--keep-data", "--keep_data"}, arity = "0..1", fallbackValue = "true",
                description = "Keep the partially copied table data from the workflow in the target keyspace.")
        boolean keepData;
        @Option(names = {"--keep-routing-rules", "--keep_routing_rules"}, arity = "0..1", fallbackValue = "true",
                description = "Keep the routing rules created for the workflow.")
        boolean keepRoutingRules;
        @Option(names = "--shards", split = ",", description = "Only these shards.")
        List<String> shards = new ArrayList<>();

        WorkflowDeleteRequest request() {
            return WorkflowDeleteRequest.newBuilder().setKeyspace(parent.keyspace()).setWorkflow(workflow).setKeepData(keepData)
                    .setKeepRoutingRules(keepRoutingRules).addAllShards(WorkflowSubcommands.trimmed(shards)).build();
        }

        @Override
        public Integer call() {
            WorkflowSubcommands.println(parent.root.json(WorkflowSubcommands.sorted(parent.root.stub().workflowDelete(request()))));
            return 0;
        }
    }
}
