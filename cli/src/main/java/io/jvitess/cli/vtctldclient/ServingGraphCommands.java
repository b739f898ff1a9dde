package io.jvitess.cli.vtctldclient;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.jvitess.proto.vschema.RoutingRules;
import io.jvitess.proto.vtctldata.ApplyRoutingRulesRequest;
import io.jvitess.proto.vtctldata.GetRoutingRulesRequest;
import io.jvitess.proto.vtctldata.GetSrvKeyspacesRequest;
import io.jvitess.proto.vtctldata.GetSrvVSchemaRequest;
import io.jvitess.proto.vtctldata.RebuildKeyspaceGraphRequest;
import io.jvitess.proto.vtctldata.RebuildVSchemaGraphRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

final class ServingGraphCommands {

    private ServingGraphCommands() {
    }

    @Command(name = "GetSrvKeyspaces", description = "Returns the SrvKeyspaces for the given keyspace in one or more cells.")
    static final class GetSrvKeyspaces implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Parameters(index = "0")
        String keyspace;
        @Parameters(index = "1..*")
        List<String> cells = new ArrayList<>();

        @Override
        public Integer call() {
            var response = root.stub().getSrvKeyspaces(GetSrvKeyspacesRequest.newBuilder().setKeyspace(keyspace).addAllCells(cells).build());
            VtctldClientCommand.out().println(root.json(response).replaceFirst("^\\{\\s*\"srv_keyspaces\": ", "").replaceFirst("\\s*}$", ""));
            return 0;
        }
    }

    @Command(name = "RebuildKeyspaceGraph", description = "Rebuilds the serving data for the keyspace(s).")
    static final class RebuildKeyspaceGraph implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--cells", "-c"}, split = ",")
        List<String> cells = new ArrayList<>();
        @Option(names = {"--allow-partial", "--allow_partial"})
        boolean allowPartial;
        @Parameters(arity = "1..*")
        List<String> keyspaces;

        @Override
        public Integer call() {
            for (String keyspace : keyspaces) {
                root.stub().rebuildKeyspaceGraph(RebuildKeyspaceGraphRequest.newBuilder().setKeyspace(keyspace).addAllCells(cells)
                        .setAllowPartial(allowPartial).build());
            }
            return 0;
        }
    }

    @Command(name = "RebuildVSchemaGraph", description = "Rebuilds the cell-specific SrvVSchema from the global VSchema objects.")
    static final class RebuildVSchemaGraph implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--cells", "-c"}, split = ",")
        List<String> cells = new ArrayList<>();

        @Override
        public Integer call() {
            root.stub().rebuildVSchemaGraph(RebuildVSchemaGraphRequest.newBuilder().addAllCells(cells).build());
            VtctldClientCommand.out().println("RebuildVSchemaGraph: ok");
            return 0;
        }
    }

    @Command(name = "GetSrvVSchema", description = "Returns the SrvVSchema for the given cell.")
    static final class GetSrvVSchema implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Parameters(index = "0")
        String cell;

        @Override
        public Integer call() {
            VtctldClientCommand.out().println(root.json(root.stub().getSrvVSchema(GetSrvVSchemaRequest.newBuilder().setCell(cell).build()).getSrvVSchema()));
            return 0;
        }
    }

    @Command(name = "GetRoutingRules", description = "Displays the VSchema routing rules.")
    static final class GetRoutingRules implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;

        @Override
        public Integer call() {
            VtctldClientCommand.out().println(root.json(root.stub().getRoutingRules(GetRoutingRulesRequest.getDefaultInstance()).getRoutingRules()));
            return 0;
        }
    }

    @Command(name = "ApplyRoutingRules", description = "Applies the VSchema routing rules.")
    static final class ApplyRoutingRules implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--rules", "-r"})
        String rules;
        @Option(names = {"--rules-file", "--rules_file", "-f"})
        Path rulesFile;
        @Option(names = {"--skip-rebuild", "--skip_rebuild"})
        boolean skipRebuild;
        @Option(names = {"--dry-run", "--dry_run", "-d"})
        boolean dryRun;
        @Option(names = {"--cells", "-c"}, split = ",")
        List<String> cells = new ArrayList<>();

        @Override
        public Integer call() {
            if ((rules == null) == (rulesFile == null)) {
                throw new IllegalArgumentException("exactly one of --rules and --rules-file must be specified");
            }
            RoutingRules.Builder parsed = RoutingRules.newBuilder();
            try {
                JsonFormat.parser().ignoringUnknownFields().merge(rules != null ? rules : SchemaCommands.read(rulesFile), parsed);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("invalid routing rules JSON: " + e.getMessage(), e);
            }
            if (dryRun) {
                VtctldClientCommand.out().println("[DRY RUN] Would have saved new RoutingRules object:\n" + root.json(parsed));
                return 0;
            }
            root.stub().applyRoutingRules(ApplyRoutingRulesRequest.newBuilder().setRoutingRules(parsed).setSkipRebuild(skipRebuild)
                    .addAllRebuildCells(cells).build());
            VtctldClientCommand.out().println("New RoutingRules object:\n" + root.json(parsed));
            return 0;
        }
    }
}
