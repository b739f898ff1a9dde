package io.jvitess.cli.vtctldclient;

import io.jvitess.common.topoproto.TabletTypes;
import io.jvitess.proto.vtctldata.RefreshStateByShardRequest;
import io.jvitess.proto.vtctldata.RefreshStateByShardResponse;
import io.jvitess.proto.vtctldata.SetShardTabletControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The shard commands VReplication relies on: the per-type tablet controls and telling a shard's tablets to reload them. */
final class TabletControlCommands {

    private TabletControlCommands() {
    }

    @Command(mixinStandardHelpOptions = true, name = "SetShardTabletControl",
            description = "Sets the TabletControl record for a shard and tablet type; run RefreshStateByShard afterwards.")
    static final class SetShardTabletControl implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--cells", "-c"}, split = ",", description = "Cells to update (default: all).")
        List<String> cells = new ArrayList<>();
        @Option(names = {"--denied-tables", "--denied_tables"}, split = ",",
                description = "Tables to add to the denylist: exact names or /regexp/.")
        List<String> deniedTables = new ArrayList<>();
        @Option(names = {"--remove", "-r"}, arity = "0..1", fallbackValue = "true",
                description = "Remove the denied tables; without tables, remove the whole TabletControl record.")
        boolean remove;
        @Option(names = {"--disable-query-service", "--disable_query_service"}, arity = "0..1", fallbackValue = "true",
                description = "Disable query service for the type (ignored with --denied-tables or --remove).")
        boolean disableQueryService;
        @Parameters(index = "0", paramLabel = "<keyspace/shard>")
        String path;
        @Parameters(index = "1", paramLabel = "<tablet_type>")
        String tabletType;

        SetShardTabletControlRequest request() {
            String[] parts = ShardCommands.keyspaceShard(path);
            return SetShardTabletControlRequest.newBuilder()
                    .setKeyspace(parts[0])
                    .setShard(parts[1])
                    .setTabletType(TabletTypes.parse(tabletType))
                    .addAllCells(WorkflowSubcommands.trimmed(cells))
                    .addAllDeniedTables(WorkflowSubcommands.trimmed(deniedTables))
                    .setRemove(remove)
                    .setDisableQueryService(disableQueryService)
                    .build();
        }

        @Override
        public Integer call() {
            WorkflowSubcommands.println(root.json(root.stub().setShardTabletControl(request()).getShard()));
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "RefreshStateByShard", description = "Reloads the tablet record on all tablets in the given shard, optionally limited to some cells.")
    static final class RefreshStateByShard implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--cells", "-c"}, split = ",", description = "Only refresh tablets in these cells.")
        List<String> cells = new ArrayList<>();
        @Parameters(index = "0", paramLabel = "<keyspace/shard>")
        String path;

        RefreshStateByShardRequest request() {
            String[] parts = ShardCommands.keyspaceShard(path);
            return RefreshStateByShardRequest.newBuilder().setKeyspace(parts[0]).setShard(parts[1])
                    .addAllCells(WorkflowSubcommands.trimmed(cells)).build();
        }

        @Override
        public Integer call() {
            RefreshStateByShardRequest request = request();
            WorkflowSubcommands.print(message(request, root.stub().refreshStateByShard(request)));
            return 0;
        }

        static String message(RefreshStateByShardRequest request, RefreshStateByShardResponse response) {
            StringBuilder text = new StringBuilder("Refreshed state on ").append(request.getKeyspace()).append('/').append(request.getShard());
            if (request.getCellsCount() > 0) {
                text.append(" in cells ").append(String.join(", ", request.getCellsList()));
            }
            text.append('\n');
            if (response.getIsPartialRefresh()) {
                text.append("State refresh was partial; some tablets in the shard may not have succeeded.\n");
            }
            return text.toString();
        }
    }
}
