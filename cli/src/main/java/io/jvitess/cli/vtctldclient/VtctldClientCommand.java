package io.jvitess.cli.vtctldclient;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.jvitess.proto.vtctlservice.VtctldGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The root of vtctldclient: the server address and the JSON printing every subcommand shares. */
@Command(name = "vtctldclient", mixinStandardHelpOptions = true, description = "Executes a cluster management command on vtctld.",
        subcommands = {
                CellCommands.AddCellInfo.class, CellCommands.GetCellInfoNames.class, CellCommands.GetCellInfo.class,
                KeyspaceCommands.CreateKeyspace.class, KeyspaceCommands.GetKeyspace.class, KeyspaceCommands.GetKeyspaces.class,
                KeyspaceCommands.DeleteKeyspace.class, KeyspaceCommands.SetKeyspaceDurabilityPolicy.class,
                ShardCommands.CreateShard.class, ShardCommands.GetShard.class, ShardCommands.FindAllShardsInKeyspace.class,
                ShardCommands.DeleteShards.class,
                TabletCommands.GetTablet.class, TabletCommands.GetTablets.class, TabletCommands.DeleteTablets.class,
                TabletCommands.ExecuteFetchAsDBA.class,
                SchemaCommands.ApplySchema.class, SchemaCommands.GetSchema.class, SchemaCommands.ApplyVSchema.class,
                SchemaCommands.GetVSchema.class,
                ServingGraphCommands.GetSrvKeyspaces.class, ServingGraphCommands.RebuildKeyspaceGraph.class,
                ServingGraphCommands.RebuildVSchemaGraph.class, ServingGraphCommands.GetSrvVSchema.class,
                ServingGraphCommands.GetRoutingRules.class, ServingGraphCommands.ApplyRoutingRules.class,
                TabletControlCommands.SetShardTabletControl.class, TabletControlCommands.RefreshStateByShard.class,
                MoveTablesCommand.class, ReshardCommand.class, WorkflowCommand.class, VDiffCommand.class
        })
public final class VtctldClientCommand implements AutoCloseable {

    @Option(names = "--server", defaultValue = "localhost:15999", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "vtctld gRPC address.")
    String server;

    @Option(names = "--compact", scope = picocli.CommandLine.ScopeType.INHERIT, description = "Omit fields with default values in JSON output.")
    boolean compact;

    @Option(names = {"--action-timeout", "--action_timeout"}, defaultValue = "1h", scope = picocli.CommandLine.ScopeType.INHERIT,
            converter = io.jvitess.cli.GoDuration.class)
    java.time.Duration actionTimeout;

    private ManagedChannel channel;

    VtctldGrpc.VtctldBlockingStub stub() {
        if (channel == null) {
            int colon = server.lastIndexOf(':');
            channel = NettyChannelBuilder.forAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)))
                    .usePlaintext()
                    .maxInboundMessageSize(64 * 1024 * 1024)
                    .build();
        }
        return VtctldGrpc.newBlockingStub(channel)
                .withDeadlineAfter(actionTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .withMaxOutboundMessageSize(64 * 1024 * 1024);
    }

    /** JSON the way vtctldclient prints it: proto field names, two-space indent, defaults included unless --compact. */
    String json(MessageOrBuilder message) {
        try {
            return printer().print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    String jsonList(List<? extends MessageOrBuilder> messages) {
        if (messages.isEmpty()) {
            return "[]";
        }
        StringBuilder result = new StringBuilder("[\n");
        for (int index = 0; index < messages.size(); index++) {
            result.append(json(messages.get(index)).indent(2).stripTrailing());
            result.append(index < messages.size() - 1 ? ",\n" : "\n");
        }
        return result.append("]").toString();
    }

    private JsonFormat.Printer printer() {
        JsonFormat.Printer printer = JsonFormat.printer().preservingProtoFieldNames();
        return compact ? printer : printer.alwaysPrintFieldsWithNoPresence();
    }

    static PrintWriter out() {
        return new PrintWriter(System.out, true);
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
    }
}
