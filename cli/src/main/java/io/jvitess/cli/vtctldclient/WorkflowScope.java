package io.jvitess.cli.vtctldclient;

import com.google.protobuf.MessageOrBuilder;
import io.jvitess.proto.vtctlservice.VtctldGrpc;

/**
 * The workflow a subcommand acts on and the vtctld to ask. MoveTables, Reshard and VDiff name the workflow before
 * the subcommand ({@link WorkflowTarget}); Workflow's subcommands take their own {@code --workflow}.
 */
interface WorkflowScope {

    String keyspace();

    String workflow();

    VtctldGrpc.VtctldBlockingStub stub();

    String json(MessageOrBuilder message);
}
