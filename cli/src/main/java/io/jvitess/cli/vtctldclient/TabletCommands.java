package io.jvitess.cli.vtctldclient;

import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.common.topoproto.TabletTypes;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.vtctldata.DeleteTabletsRequest;
import io.jvitess.proto.vtctldata.ExecuteFetchAsDBARequest;
import io.jvitess.proto.vtctldata.GetTabletRequest;
import io.jvitess.proto.vtctldata.GetTabletsRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

final class TabletCommands {

    private TabletCommands() {
    }

    /** vtctldclient's awk format: {@code alias keyspace shard type host:port mysqlhost:mysqlport [tags] primary_term_start}. */
    static String awkLine(Tablet tablet) {
        String keyspace = tablet.getKeyspace().isEmpty() ? "<null>" : tablet.getKeyspace();
        String shard = tablet.getShard().isEmpty() ? "<null>" : tablet.getShard();
        String tags = tablet.getTagsMap().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ": \"" + entry.getValue() + "\"")
                .collect(Collectors.joining(" ", "[", "]"));
        String termStart = tablet.getPrimaryTermStartTime().getSeconds() == 0
                ? "<null>"
                : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(tablet.getPrimaryTermStartTime().getSeconds()));
        return String.join(" ", TabletAliases.format(tablet.getAlias()), keyspace, shard, TabletTypes.lowerName(tablet.getType()),
                tablet.getHostname() + ":" + tablet.getPortMapOrDefault("vt", 0),
                tablet.getMysqlHostname() + ":" + tablet.getMysqlPort(), tags, termStart);
    }

    @Command(name = "GetTablet", description = "Outputs a JSON structure that contains information about the tablet.")
    static final class GetTablet implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Parameters(index = "0")
        String alias;

        @Override
        public Integer call() {
            VtctldClientCommand.out().println(root.json(root.stub().getTablet(GetTabletRequest.newBuilder()
                    .setTabletAlias(TabletAliases.parse(alias)).build()).getTablet()));
            return 0;
        }
    }

    @Command(name = "GetTablets", description = "Looks up tablets according to filter criteria.")
    static final class GetTablets implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--cell", "-c"})
        List<String> cells = new ArrayList<>();
        @Option(names = {"--keyspace", "-k"})
        String keyspace;
        @Option(names = {"--shard", "-s"})
        String shard;
        @Option(names = {"--tablet-type", "--tablet_type"})
        String tabletType;
        @Option(names = {"--tablet-alias", "--tablet_alias", "-t"})
        List<String> aliases = new ArrayList<>();
        @Option(names = "--strict")
        boolean strict;
        @Option(names = "--format", defaultValue = "awk", description = "awk or json.")
        String format;

        @Override
        public Integer call() {
            if (shard != null && keyspace == null) {
                throw new IllegalArgumentException("--shard (= " + shard + ") cannot be passed without also passing --keyspace");
            }
            GetTabletsRequest.Builder request = GetTabletsRequest.newBuilder().addAllCells(cells).setStrict(strict);
            if (keyspace != null) {
                request.setKeyspace(keyspace);
            }
            if (shard != null) {
                request.setShard(shard);
            }
            if (tabletType != null) {
                request.setTabletType(TabletTypes.parse(tabletType));
            }
            aliases.forEach(alias -> request.addTabletAliases(TabletAliases.parse(alias)));
            List<Tablet> tablets = root.stub().getTablets(request.build()).getTabletsList();
            if (format.equals("json")) {
                VtctldClientCommand.out().println(root.jsonList(tablets));
            } else {
                tablets.forEach(tablet -> VtctldClientCommand.out().println(awkLine(tablet)));
            }
            return 0;
        }
    }

    @Command(name = "DeleteTablets", description = "Deletes tablet(s) from the topology.")
    static final class DeleteTablets implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--allow-primary", "--allow_primary", "-p"})
        boolean allowPrimary;
        @Parameters(arity = "1..*")
        List<String> aliases;

        @Override
        public Integer call() {
            DeleteTabletsRequest.Builder request = DeleteTabletsRequest.newBuilder().setAllowPrimary(allowPrimary);
            aliases.forEach(alias -> request.addTabletAliases(TabletAliases.parse(alias)));
            root.stub().deleteTablets(request.build());
            VtctldClientCommand.out().println("Successfully deleted tablets " + String.join(", ", aliases));
            return 0;
        }
    }

    @Command(name = "ExecuteFetchAsDBA", description = "Executes the given query as the DBA user on the remote tablet.")
    static final class ExecuteFetchAsDBA implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = {"--max-rows", "--max_rows"}, defaultValue = "10000")
        long maxRows;
        @Option(names = {"--disable-binlogs", "--disable_binlogs"})
        boolean disableBinlogs;
        @Option(names = {"--json", "-j"})
        boolean json;
        @Parameters(index = "0")
        String alias;
        @Parameters(index = "1")
        String query;

        @Override
        public Integer call() {
            QueryResult result = root.stub().executeFetchAsDBA(ExecuteFetchAsDBARequest.newBuilder()
                    .setTabletAlias(TabletAliases.parse(alias)).setQuery(query).setMaxRows(maxRows).setDisableBinlogs(disableBinlogs)
                    .build()).getResult();
            VtctldClientCommand.out().println(json ? root.json(result) : table(result));
            return 0;
        }

        private static String table(QueryResult result) {
            StringBuilder text = new StringBuilder();
            text.append(result.getFieldsList().stream().map(field -> field.getName()).collect(Collectors.joining("\t"))).append('\n');
            for (var row : result.getRowsList()) {
                List<String> values = new ArrayList<>();
                int offset = 0;
                for (long length : row.getLengthsList()) {
                    if (length < 0) {
                        values.add("NULL");
                    } else {
                        values.add(row.getValues().substring(offset, offset + (int) length).toString(StandardCharsets.UTF_8));
                        offset += (int) length;
                    }
                }
                text.append(String.join("\t", values)).append('\n');
            }
            return text.toString().stripTrailing();
        }
    }

}
