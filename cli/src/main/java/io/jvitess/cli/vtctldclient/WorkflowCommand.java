package io.jvitess.cli.vtctldclient;

import com.google.protobuf.MessageOrBuilder;
import io.jvitess.proto.vtctldata.GetWorkflowsRequest;
import io.jvitess.proto.vtctldata.GetWorkflowsResponse;
import io.jvitess.proto.vtctldata.Workflow;
import io.jvitess.proto.vtctldata.WorkflowDeleteRequest;
import io.jvitess.proto.vtctlservice.VtctldGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

import java.util.concurrent.Callable;

/** {@code Workflow --keyspace K <subcommand>}: generic VReplication workflow actions. */
@Command(mixinStandardHelpOptions = true, name = "Workflow", aliases = "workflow",
        description = "Administer VReplication workflows (Reshard, MoveTables, etc) in the given keyspace.",
        subcommands = {
                WorkflowCommand.ListWorkflows.class, WorkflowCommand.Show.class, WorkflowCommand.Start.class,
                WorkflowCommand.Stop.class, WorkflowCommand.Delete.class
        })
final class WorkflowCommand extends SubcommandGroup {

    @Option(names = {"--keyspace", "-k"}, scope = ScopeType.INHERIT, description = "Keyspace context for the workflow.")
    String keyspace;

    String keyspace() {
        return required(keyspace, "keyspace");
    }

    /** The workflow a subcommand names with its own {@code --workflow}, in this command's keyspace. */
    WorkflowScope scope(String workflow) {
        return new NamedWorkflow(this, workflow);
    }

    private record NamedWorkflow(WorkflowCommand command, String workflow) implements WorkflowScope {
        @Override
        public String keyspace() {
            return command.keyspace();
        }

        @Override
        public VtctldGrpc.VtctldBlockingStub stub() {
            return command.stub();
        }

        @Override
        public String json(MessageOrBuilder message) {
            return command.json(message);
        }
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
            var response = parent.stub().getWorkflows(GetWorkflowsRequest.newBuilder().setKeyspace(parent.keyspace()).setNameOnly(true).build());
            WorkflowSubcommands.println(names(response));
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show the details for a VReplication workflow.")
    static final class Show extends WorkflowSubcommands.ShowWorkflow {
        @ParentCommand
        WorkflowCommand parent;
        @Option(names = {"--workflow", "-w"}, required = true, description = "The workflow you want the details for.")
        String workflow;

        @Override
        WorkflowScope scope() {
            return parent.scope(workflow);
        }
    }

    abstract static class StateChange extends WorkflowSubcommands.StateChange {
        @ParentCommand
        WorkflowCommand parent;
        @Option(names = {"--workflow", "-w"}, required = true, description = "The workflow to act on.")
        String workflow;

        StateChange(String state) {
            super(state);
        }

        @Override
        WorkflowScope scope() {
            return parent.scope(workflow);
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "start", description = "Start a VReplication workflow.")
    static final class Start extends StateChange {
        Start() {
            super("Running");
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "stop", description = "Stop a VReplication workflow.")
    static final class Stop extends StateChange {
        Stop() {
            super("Stopped");
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "delete", description = "Delete a VReplication workflow.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        WorkflowCommand parent;
        @Option(names = {"--workflow", "-w"}, required = true, description = "The workflow you want to delete.")
        String workflow;
        @Mixin
        WorkflowSubcommands.DeleteFlags deleteFlags;

        WorkflowDeleteRequest request() {
            return deleteFlags.request(parent.scope(workflow));
        }

        @Override
        public Integer call() {
            WorkflowSubcommands.println(parent.json(WorkflowSubcommands.sorted(parent.stub().workflowDelete(request()))));
            return 0;
        }
    }
}
