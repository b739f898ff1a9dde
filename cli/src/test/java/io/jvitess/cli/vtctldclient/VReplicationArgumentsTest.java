package io.jvitess.cli.vtctldclient;

import io.jvitess.common.errors.VtException;
import io.jvitess.proto.binlogdata.OnDDLAction;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vtctldata.MoveTablesCreateRequest;
import io.jvitess.proto.vtctldata.ReshardCreateRequest;
import io.jvitess.proto.vtctldata.SetShardTabletControlRequest;
import io.jvitess.proto.vtctldata.VDiffCreateRequest;
import io.jvitess.proto.vtctldata.WorkflowSwitchTrafficRequest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Argument parsing of the VReplication commands, down to the request each one would send. */
class VReplicationArgumentsTest {

    /** The innermost command object after parsing, the way picocli would run it. */
    static <T> T parse(Class<T> type, String... arguments) {
        CommandLine.ParseResult result = new CommandLine(new VtctldClientCommand()).parseArgs(arguments);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return type.cast(result.commandSpec().userObject());
    }

    @Test
    void moveTablesCreateFromTheLocalExample() {
        MoveTablesCreateRequest request = parse(MoveTablesCommand.Create.class,
                "MoveTables", "--workflow", "commerce2customer", "--target-keyspace", "customer", "create",
                "--source-keyspace", "commerce", "--tables", "customer,corder").request();
        assertThat(request).isEqualTo(MoveTablesCreateRequest.newBuilder()
                .setWorkflow("commerce2customer")
                .setTargetKeyspace("customer")
                .setSourceKeyspace("commerce")
                .addIncludeTables("customer")
                .addIncludeTables("corder")
                .addTabletTypes(TabletType.REPLICA)
                .addTabletTypes(TabletType.PRIMARY)
                .setOnDdl(OnDDLAction.IGNORE)
                .setDeferSecondaryKeys(true)
                .setAutoStart(true)
                .build());
    }

    @Test
    void moveTablesCreateFlags() {
        MoveTablesCreateRequest request = parse(MoveTablesCommand.Create.class,
                "movetables", "Create", "-w", "wf", "--target-keyspace", "ks", "--source-keyspace", "src", "--all-tables",
                "--exclude-tables", "a, b", "--source-shards", "-80", "--source-time-zone", "US/Pacific", "--no-routing-rules",
                "--cells", "zone1,zone2", "--tablet-types", "rdonly,Replica", "--on-ddl", "exec_ignore",
                "--defer-secondary-keys=false", "--auto-start=false", "--stop-after-copy").request();
        assertThat(request.getAllTables()).isTrue();
        assertThat(request.getIncludeTablesList()).isEmpty();
        assertThat(request.getExcludeTablesList()).containsExactly("a", "b");
        assertThat(request.getSourceShardsList()).containsExactly("-80");
        assertThat(request.getSourceTimeZone()).isEqualTo("US/Pacific");
        assertThat(request.getNoRoutingRules()).isTrue();
        assertThat(request.getCellsList()).containsExactly("zone1", "zone2");
        assertThat(request.getTabletTypesList()).containsExactly(TabletType.RDONLY, TabletType.REPLICA);
        assertThat(request.getOnDdl()).isEqualTo(OnDDLAction.EXEC_IGNORE);
        assertThat(request.getDeferSecondaryKeys()).isFalse();
        assertThat(request.getAutoStart()).isFalse();
        assertThat(request.getStopAfterCopy()).isTrue();
        // Flags given after the subcommand reach the parent, as Vitess's persistent flags do.
        assertThat(request.getWorkflow()).isEqualTo("wf");
        assertThat(request.getTargetKeyspace()).isEqualTo("ks");
    }

    @Test
    void moveTablesCreateValidation() {
        assertThatThrownBy(() -> parse(MoveTablesCommand.Create.class, "MoveTables", "-w", "wf", "--target-keyspace", "ks", "create",
                "--source-keyspace", "src").request())
                .isInstanceOf(VtException.class)
                .hasMessage("tables or all-tables are required to specify which tables to move");
        assertThatThrownBy(() -> parse(MoveTablesCommand.Create.class, "MoveTables", "-w", "wf", "--target-keyspace", "ks", "create",
                "--source-keyspace", "src", "--tables", "t", "--atomic-copy").request())
                .hasMessage("found options incompatible with atomic copy: atomic copy requires --all-tables, atomic copy does not support specifying tables");
        assertThatThrownBy(() -> parse(MoveTablesCommand.Create.class, "MoveTables", "-w", "wf", "--target-keyspace", "ks", "create",
                "--source-keyspace", "src", "--all-tables", "--on-ddl", "sometimes").request())
                .hasMessage("invalid on-ddl value: sometimes");
        assertThatThrownBy(() -> parse(MoveTablesCommand.Create.class, "MoveTables", "--target-keyspace", "ks", "create",
                "--source-keyspace", "src", "--all-tables").request())
                .hasMessage("required flag(s) \"workflow\" not set");
        assertThatThrownBy(() -> parse(MoveTablesCommand.Create.class, "MoveTables", "-w", "wf", "--target-keyspace", "ks", "create",
                "--all-tables"))
                .isInstanceOf(CommandLine.MissingParameterException.class);
        assertThatThrownBy(() -> parse(MoveTablesCommand.Create.class, "MoveTables", "-w", "wf", "--target-keyspace", "ks", "create",
                "--source-keyspace", "src", "--all-tables", "--tablet-types", "leader"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("unknown TabletType leader");
    }

    @Test
    void reshardCreateFromTheLocalExample() {
        ReshardCreateRequest request = parse(ReshardCommand.Create.class, "Reshard", "--workflow", "cust2cust", "--target-keyspace",
                "customer", "create", "--source-shards", "0", "--target-shards", "-80,80-").request();
        assertThat(request.getWorkflow()).isEqualTo("cust2cust");
        assertThat(request.getKeyspace()).isEqualTo("customer");
        assertThat(request.getSourceShardsList()).containsExactly("0");
        assertThat(request.getTargetShardsList()).containsExactly("-80", "80-");
        assertThat(request.getSkipSchemaCopy()).isFalse();
        assertThat(request.getDeferSecondaryKeys()).isTrue();
        assertThat(request.getAutoStart()).isTrue();
        assertThat(request.getTabletTypesList()).containsExactly(TabletType.REPLICA, TabletType.PRIMARY);
        assertThatThrownBy(() -> parse(ReshardCommand.Create.class, "Reshard", "-w", "w", "--target-keyspace", "ks", "create",
                "--source-shards", "0", "--target-shards", "-8x").request())
                .hasMessage("invalid shard in --target-shards: -8x");
    }

    @Test
    void switchTrafficDefaultsToEveryTabletType() {
        WorkflowSwitchTrafficRequest request = parse(WorkflowSubcommands.SwitchTraffic.class,
                "MoveTables", "--workflow", "commerce2customer", "--target-keyspace", "customer", "SwitchTraffic").request();
        assertThat(request).isEqualTo(WorkflowSwitchTrafficRequest.newBuilder()
                .setKeyspace("customer")
                .setWorkflow("commerce2customer")
                .addTabletTypes(TabletType.PRIMARY)
                .addTabletTypes(TabletType.REPLICA)
                .addTabletTypes(TabletType.RDONLY)
                .setMaxReplicationLagAllowedSeconds(30)
                .setEnableReverseReplication(true)
                .setDirection(0)
                .setTimeoutSeconds(30)
                .build());
    }

    @Test
    void switchTrafficFlags() {
        WorkflowSwitchTrafficRequest reads = parse(WorkflowSubcommands.SwitchTraffic.class,
                "Reshard", "-w", "cust2cust", "--target-keyspace", "customer", "switchtraffic", "--tablet-types", "rdonly,replica",
                "--cells", "zone1", "--timeout", "1m30s", "--max-replication-lag-allowed", "5s", "--enable-reverse-replication=false",
                "--dry-run", "--force", "--initialize-target-sequences").request();
        assertThat(reads.getTabletTypesList()).containsExactly(TabletType.RDONLY, TabletType.REPLICA);
        assertThat(reads.getCellsList()).containsExactly("zone1");
        assertThat(reads.getTimeoutSeconds()).isEqualTo(90);
        assertThat(reads.getMaxReplicationLagAllowedSeconds()).isEqualTo(5);
        assertThat(reads.getEnableReverseReplication()).isFalse();
        assertThat(reads.getDryRun()).isTrue();
        assertThat(reads.getForce()).isTrue();
        assertThat(reads.getInitializeTargetSequences()).isTrue();

        WorkflowSwitchTrafficRequest reverse = parse(WorkflowSubcommands.ReverseTraffic.class,
                "MoveTables", "-w", "wf", "--target-keyspace", "ks", "ReverseTraffic", "--tablet-types", "PRIMARY").request();
        assertThat(reverse.getDirection()).isEqualTo(1);
        assertThat(reverse.getTabletTypesList()).containsExactly(TabletType.PRIMARY);

        assertThatThrownBy(() -> parse(WorkflowSubcommands.SwitchTraffic.class,
                "MoveTables", "-w", "wf", "--target-keyspace", "ks", "switchtraffic", "--timeout", "500ms").request())
                .hasMessage("timeout value must be at least 1 second");
    }

    @Test
    void subcommandsAreCaseInsensitive() {
        assertThat(parse(WorkflowSubcommands.Status.class, "MoveTables", "-w", "w", "--target-keyspace", "k", "STATUS"))
                .isInstanceOf(WorkflowSubcommands.Status.class);
        assertThat(parse(WorkflowSubcommands.Cancel.class, "Reshard", "-w", "w", "--target-keyspace", "k", "Cancel").request().getKeepData())
                .isFalse();
        assertThat(parse(WorkflowCommand.ListWorkflows.class, "Workflow", "--keyspace", "customer", "List"))
                .isInstanceOf(WorkflowCommand.ListWorkflows.class);
        assertThat(parse(VDiffCommand.Show.class, "VDiff", "-w", "w", "--target-keyspace", "k", "Show", "last").argument())
                .isEqualTo("last");
    }

    @Test
    void formatIsValidated() {
        WorkflowSubcommands.Complete complete = parse(WorkflowSubcommands.Complete.class,
                "MoveTables", "-w", "w", "--target-keyspace", "k", "--format", "json", "complete", "--keep-data", "--rename-tables");
        assertThat(complete.parent.jsonFormat()).isTrue();
        assertThat(complete.request().getKeepData()).isTrue();
        assertThat(complete.request().getRenameTables()).isTrue();
        assertThat(complete.request().getKeepRoutingRules()).isFalse();
        WorkflowSubcommands.Status status = parse(WorkflowSubcommands.Status.class, "MoveTables", "-w", "w", "--target-keyspace", "k",
                "status", "--format", "yaml");
        assertThatThrownBy(status.parent::jsonFormat).hasMessage("invalid output format, got yaml");
        // Without --format, status (like VDiff show) prints JSON and the other subcommands print text.
        WorkflowTarget defaults = parse(WorkflowSubcommands.Status.class, "MoveTables", "-w", "w", "--target-keyspace", "k", "status").parent;
        assertThat(defaults.jsonFormat(true)).isTrue();
        assertThat(defaults.jsonFormat()).isFalse();
        assertThat(parse(WorkflowSubcommands.Status.class, "MoveTables", "-w", "w", "--target-keyspace", "k", "status", "--format", "TEXT")
                .parent.jsonFormat(true)).isFalse();
        assertThat(parse(WorkflowSubcommands.Complete.class, "Reshard", "-w", "cust2cust", "--target-keyspace", "customer", "Complete")
                .request().getWorkflow()).isEqualTo("cust2cust");
    }

    @Test
    void workflowSubcommands() {
        var show = parse(WorkflowCommand.Show.class, "Workflow", "--keyspace", "customer", "show", "--workflow", "commerce2customer");
        assertThat(show.request().getKeyspace()).isEqualTo("customer");
        assertThat(show.request().getWorkflow()).isEqualTo("commerce2customer");
        assertThat(show.request().getIncludeLogs()).isTrue();
        assertThat(parse(WorkflowCommand.Show.class, "workflow", "-k", "ks", "show", "-w", "wf", "--include-logs=false").request().getIncludeLogs())
                .isFalse();
        var stop = parse(WorkflowCommand.Stop.class, "Workflow", "-k", "ks", "stop", "-w", "wf", "--shards", "-80").request();
        assertThat(stop.getState()).isEqualTo("Stopped");
        assertThat(stop.getShardsList()).containsExactly("-80");
        assertThat(parse(WorkflowCommand.Start.class, "Workflow", "-k", "ks", "Start", "-w", "wf").request().getState()).isEqualTo("Running");
        var delete = parse(WorkflowCommand.Delete.class, "Workflow", "-k", "ks", "delete", "-w", "wf", "--keep-data", "--keep-routing-rules")
                .request();
        assertThat(delete.getKeepData()).isTrue();
        assertThat(delete.getKeepRoutingRules()).isTrue();
        assertThat(parse(WorkflowSubcommands.Start.class, "MoveTables", "-w", "wf", "--target-keyspace", "ks", "start").request().getState())
                .isEqualTo("Running");
    }

    @Test
    void vdiffCreate() {
        VDiffCreateRequest generated = parse(VDiffCommand.Create.class,
                "VDiff", "--workflow", "commerce2customer", "--target-keyspace", "customer", "create").request();
        assertThat(UUID.fromString(generated.getUuid())).isNotNull();
        assertThat(generated.getMaxReportSampleRows()).isEqualTo(10);
        assertThat(generated.getFilteredReplicationWaitTimeSeconds()).isEqualTo(30);
        assertThat(generated.getMaxExtraRowsToCompare()).isEqualTo(1000);
        assertThat(generated.getAutoRetry()).isTrue();
        assertThat(generated.getWait()).isFalse();

        String uuid = "a037a9e2-5628-11ee-8c99-0242ac120002";
        VDiffCreateRequest given = parse(VDiffCommand.Create.class, "VDiff", "-w", "wf", "--target-keyspace", "ks", "create",
                "--tables", "customer, corder", "--max-report-sample-rows", "5", "--filtered-replication-wait-time", "2m",
                "--only-pks", "--max-extra-rows-to-compare", "7", "--auto-retry=false", "--uuid", uuid).request();
        assertThat(given.getUuid()).isEqualTo(uuid);
        assertThat(given.getTablesList()).containsExactly("customer", "corder");
        assertThat(given.getMaxReportSampleRows()).isEqualTo(5);
        assertThat(given.getFilteredReplicationWaitTimeSeconds()).isEqualTo(120);
        assertThat(given.getOnlyPks()).isTrue();
        assertThat(given.getMaxExtraRowsToCompare()).isEqualTo(7);
        assertThat(given.getAutoRetry()).isFalse();
        assertThat(parse(VDiffCommand.Create.class, "VDiff", "-w", "wf", "--target-keyspace", "ks", "create", uuid).request().getUuid())
                .isEqualTo(uuid);
        assertThatThrownBy(() -> parse(VDiffCommand.Create.class, "VDiff", "-w", "wf", "--target-keyspace", "ks", "create", "nope").request())
                .hasMessage("invalid UUID provided: nope");
        assertThatThrownBy(() -> parse(VDiffCommand.Show.class, "VDiff", "-w", "wf", "--target-keyspace", "ks", "show", "first").argument())
                .hasMessage("invalid argument provided (first), valid arguments are 'all', 'last', or a valid UUID");
        assertThat(parse(VDiffCommand.Delete.class, "VDiff", "-w", "wf", "--target-keyspace", "ks", "delete", "ALL").argument())
                .isEqualTo("all");
    }

    @Test
    void setShardTabletControl() {
        SetShardTabletControlRequest request = parse(TabletControlCommands.SetShardTabletControl.class, "SetShardTabletControl",
                "--denied-tables", "customer,corder", "--remove", "--cells", "zone1", "commerce/0", "primary").request();
        assertThat(request).isEqualTo(SetShardTabletControlRequest.newBuilder()
                .setKeyspace("commerce")
                .setShard("0")
                .setTabletType(TabletType.PRIMARY)
                .addCells("zone1")
                .addDeniedTables("customer")
                .addDeniedTables("corder")
                .setRemove(true)
                .build());
        assertThat(parse(TabletControlCommands.SetShardTabletControl.class, "SetShardTabletControl", "--disable-query-service",
                "customer/-80", "REPLICA").request().getDisableQueryService()).isTrue();
        assertThat(parse(TabletControlCommands.RefreshStateByShard.class, "RefreshStateByShard", "--cells", "zone1,zone2", "customer/80-")
                .request().getCellsList()).containsExactly("zone1", "zone2");
    }
}
