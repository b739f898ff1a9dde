package io.jvitess.cli.vtctldclient;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vtctldata.ApplySchemaRequest;
import io.jvitess.proto.vtctldata.ApplyVSchemaRequest;
import io.jvitess.proto.vtctldata.GetSchemaRequest;
import io.jvitess.proto.vtctldata.GetVSchemaRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

final class SchemaCommands {

    private SchemaCommands() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Command(name = "ApplySchema", description = "Applies the schema change to the specified keyspace on every primary.")
    static final class ApplySchema implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = "--sql", description = "SQL to apply (repeatable; statements separated by ';').")
        List<String> sql = new ArrayList<>();
        @Option(names = {"--sql-file", "--sql_file"})
        Path sqlFile;
        @Option(names = {"--ddl-strategy", "--ddl_strategy"}, defaultValue = "direct")
        String ddlStrategy;
        @Option(names = {"--migration-context", "--migration_context"}, defaultValue = "")
        String migrationContext;
        @Option(names = {"--caller-id", "--caller_id"}, defaultValue = "")
        String callerId;
        @Option(names = {"--wait-replicas-timeout", "--wait_replicas_timeout"}, defaultValue = "10s", converter = io.jvitess.cli.GoDuration.class)
        java.time.Duration waitReplicasTimeout;
        @Parameters(index = "0")
        String keyspace;

        @Override
        public Integer call() {
            if (sql.isEmpty() == (sqlFile == null)) {
                throw new IllegalArgumentException("exactly one of --sql and --sql-file must be specified");
            }
            List<String> statements = sqlFile != null ? List.of(read(sqlFile)) : sql;
            var response = root.stub().applySchema(ApplySchemaRequest.newBuilder()
                    .setKeyspace(keyspace)
                    .addAllSql(statements)
                    .setDdlStrategy(ddlStrategy)
                    .setMigrationContext(migrationContext)
                    .setCallerId(callerId)
                    .setWaitReplicasTimeoutSeconds(waitReplicasTimeout.toSeconds())
                    .build());
            response.getUuidListList().forEach(VtctldClientCommand.out()::println);
            return 0;
        }
    }

    @Command(name = "GetSchema", description = "Displays the full schema for a tablet, optionally restricted to the specified tables/views.")
    static final class GetSchema implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = "--tables", split = ",")
        List<String> tables = new ArrayList<>();
        @Option(names = {"--exclude-tables", "--exclude_tables"}, split = ",")
        List<String> excludeTables = new ArrayList<>();
        @Option(names = {"--include-views", "--include_views"})
        boolean includeViews;
        @Option(names = {"--table-names-only", "--table_names_only", "-n"})
        boolean tableNamesOnly;
        @Option(names = {"--table-sizes-only", "--table_sizes_only", "-s"})
        boolean tableSizesOnly;
        @Option(names = {"--table-schema-only", "--table_schema_only"})
        boolean tableSchemaOnly;
        @Parameters(index = "0")
        String alias;

        @Override
        public Integer call() {
            var schema = root.stub().getSchema(GetSchemaRequest.newBuilder()
                    .setTabletAlias(TabletAliases.parse(alias))
                    .addAllTables(tables)
                    .addAllExcludeTables(excludeTables)
                    .setIncludeViews(includeViews)
                    .setTableNamesOnly(tableNamesOnly)
                    .setTableSizesOnly(tableSizesOnly)
                    .setTableSchemaOnly(tableSchemaOnly)
                    .build()).getSchema();
            if (tableNamesOnly) {
                schema.getTableDefinitionsList().forEach(table -> VtctldClientCommand.out().println(table.getName()));
            } else {
                VtctldClientCommand.out().println(root.json(schema));
            }
            return 0;
        }
    }

    @Command(name = "ApplyVSchema", description = "Applies the VTGate routing schema to the provided keyspace. Shows the result after application.")
    static final class ApplyVSchema implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Option(names = "--vschema")
        String vschema;
        @Option(names = {"--vschema-file", "--vschema_file"})
        Path vschemaFile;
        @Option(names = "--sql")
        String sql;
        @Option(names = {"--sql-file", "--sql_file"})
        Path sqlFile;
        @Option(names = {"--dry-run", "--dry_run"})
        boolean dryRun;
        @Option(names = {"--skip-rebuild", "--skip_rebuild"})
        boolean skipRebuild;
        @Option(names = "--strict")
        boolean strict;
        @Option(names = "--cells", split = ",")
        List<String> cells = new ArrayList<>();
        @Parameters(index = "0")
        String keyspace;

        @Override
        public Integer call() {
            int sources = (vschema != null ? 1 : 0) + (vschemaFile != null ? 1 : 0) + (sql != null ? 1 : 0) + (sqlFile != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalArgumentException("exactly one of --vschema, --vschema-file, --sql or --sql-file must be specified");
            }
            ApplyVSchemaRequest.Builder request = ApplyVSchemaRequest.newBuilder().setKeyspace(keyspace).setDryRun(dryRun)
                    .setSkipRebuild(skipRebuild).setStrict(strict).addAllCells(cells);
            if (sql != null || sqlFile != null) {
                request.setSql(sql != null ? sql : read(sqlFile));
            } else {
                request.setVSchema(parse(vschema != null ? vschema : read(vschemaFile)));
            }
            var response = root.stub().applyVSchema(request.build());
            VtctldClientCommand.out().println("New VSchema object:");
            VtctldClientCommand.out().println(root.json(response.getVSchema()));
            VtctldClientCommand.out().println("If this is not what you expected, check the input data (as JSON parsing will skip unexpected fields).");
            response.getUnknownVindexParamsMap().forEach((vindex, params) -> params.getParamsList()
                    .forEach(param -> VtctldClientCommand.out().println("Unknown parameter in vindex " + vindex + ": " + param)));
            return 0;
        }

        private static Keyspace parse(String json) {
            Keyspace.Builder keyspace = Keyspace.newBuilder();
            try {
                JsonFormat.parser().ignoringUnknownFields().merge(json, keyspace);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("invalid VSchema JSON: " + e.getMessage(), e);
            }
            return keyspace.build();
        }
    }

    @Command(name = "GetVSchema", description = "Prints a JSON representation of a keyspace's topo record.")
    static final class GetVSchema implements Callable<Integer> {
        @ParentCommand
        VtctldClientCommand root;
        @Parameters(index = "0")
        String keyspace;

        @Override
        public Integer call() {
            VtctldClientCommand.out().println(root.json(root.stub().getVSchema(GetVSchemaRequest.newBuilder().setKeyspace(keyspace).build()).getVSchema()));
            return 0;
        }
    }
}
