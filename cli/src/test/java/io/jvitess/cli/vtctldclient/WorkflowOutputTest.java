package io.jvitess.cli.vtctldclient;

import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.vtctldata.GetWorkflowsResponse;
import io.jvitess.proto.vtctldata.RefreshStateByShardRequest;
import io.jvitess.proto.vtctldata.RefreshStateByShardResponse;
import io.jvitess.proto.vtctldata.Workflow;
import io.jvitess.proto.vtctldata.WorkflowStatusResponse;
import io.jvitess.proto.vtctldata.WorkflowSwitchTrafficResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text the MoveTables, Reshard and Workflow commands print, against Vitess's vtctldclient. */
class WorkflowOutputTest {

    private static WorkflowStatusResponse.ShardStreamState stream(int id, int uid, String status, String info) {
        return WorkflowStatusResponse.ShardStreamState.newBuilder().setId(id).setTablet(TabletAliases.of("zone1", uid))
                .setSourceShard("commerce/0").setStatus(status).setInfo(info).build();
    }

    @Test
    void createPrintsOneLinePerStream() {
        WorkflowStatusResponse response = WorkflowStatusResponse.newBuilder()
                .putShardStreams("customer/0", WorkflowStatusResponse.ShardStreams.newBuilder()
                        .addStreams(stream(1, 200, "Copying", "VStream has not started")).build())
                .setTrafficState("Reads Not Switched. Writes Not Switched")
                .build();
        assertThat(WorkflowOutput.status("customer", "commerce2customer", response)).isEqualTo("""
                The following vreplication streams exist for workflow customer.commerce2customer:

                id=1 on customer/zone1-200: Status: Copying. VStream has not started.

                Traffic State: Reads Not Switched. Writes Not Switched
                """);
    }

    @Test
    void statusShowsCopyProgressPerTableSortedByShardAndTable() {
        WorkflowStatusResponse response = WorkflowStatusResponse.newBuilder()
                .putShardStreams("customer/80-", WorkflowStatusResponse.ShardStreams.newBuilder()
                        .addStreams(stream(1, 400, "Running", "VStream Lag: 0s")).build())
                .putShardStreams("customer/-80", WorkflowStatusResponse.ShardStreams.newBuilder()
                        .addStreams(stream(1, 300, "Copying", "VStream Lag: 2s")).build())
                .putTableCopyState("customer", WorkflowStatusResponse.TableCopyState.newBuilder().setRowsCopied(10).setRowsTotal(50)
                        .setRowsPercentage(20).setBytesCopied(1000).setBytesTotal(5000).setBytesPercentage(20).build())
                .putTableCopyState("corder", WorkflowStatusResponse.TableCopyState.newBuilder().setRowsCopied(20).setRowsTotal(20)
                        .setRowsPercentage(100).setBytesCopied(1000).setBytesTotal(1000).setBytesPercentage(100).build())
                .setTrafficState("Reads Not Switched. Writes Not Switched")
                .build();
        assertThat(WorkflowOutput.status("customer", "cust2cust", response)).isEqualTo("""
                The following vreplication streams exist for workflow customer.cust2cust:

                id=1 on customer/zone1-300: Status: Copying. VStream Lag: 2s.
                id=1 on customer/zone1-400: Status: Running. VStream Lag: 0s.

                Table Copy Status:
                \tcorder: RowsCopied:20, RowsTotal:20, RowsPercentage:100.00, BytesCopied:1000, BytesTotal:1000, BytesPercentage:100.00
                \tcustomer: RowsCopied:10, RowsTotal:50, RowsPercentage:20.00, BytesCopied:1000, BytesTotal:5000, BytesPercentage:20.00

                Traffic State: Reads Not Switched. Writes Not Switched
                """);
    }

    @Test
    void switchTrafficMatchesTheDocumentedOutput() {
        WorkflowSwitchTrafficResponse response = WorkflowSwitchTrafficResponse.newBuilder()
                .setSummary("SwitchTraffic was successful for workflow customer.commerce2customer")
                .setStartState("Reads Not Switched. Writes Not Switched")
                .setCurrentState("All Reads Switched. Writes Switched")
                .build();
        String expected = """
                SwitchTraffic was successful for workflow customer.commerce2customer

                Start State: Reads Not Switched. Writes Not Switched
                Current State: All Reads Switched. Writes Switched

                """;
        assertThat(WorkflowOutput.switchTraffic("SwitchTraffic", "customer", "commerce2customer", false, response)).isEqualTo(expected);
        // A server that sends no summary still gets Vitess's line.
        assertThat(WorkflowOutput.switchTraffic("SwitchTraffic", "customer", "commerce2customer", false, response.toBuilder().clearSummary().build()))
                .isEqualTo(expected);
        assertThat(WorkflowOutput.switchTraffic("ReverseTraffic", "customer", "commerce2customer", false, response.toBuilder().clearSummary().build()))
                .startsWith("ReverseTraffic was successful for workflow customer.commerce2customer\n\nStart State: ");
    }

    @Test
    void switchTrafficDryRunPrintsTheResults() {
        WorkflowSwitchTrafficResponse response = WorkflowSwitchTrafficResponse.newBuilder()
                .setSummary("SwitchTraffic dry run results for workflow customer.commerce2customer at 04 Jan 23 17:59 UTC")
                .addDryRunResults("Lock keyspace commerce")
                .addDryRunResults("Switch reads for tables [corder,customer] to keyspace customer for tablet types [REPLICA,RDONLY]")
                .build();
        assertThat(WorkflowOutput.switchTraffic("SwitchTraffic", "customer", "commerce2customer", true, response)).isEqualTo("""
                SwitchTraffic dry run results for workflow customer.commerce2customer at 04 Jan 23 17:59 UTC

                Lock keyspace commerce
                Switch reads for tables [corder,customer] to keyspace customer for tablet types [REPLICA,RDONLY]

                """);
        assertThat(WorkflowOutput.switchTraffic("SwitchTraffic", "customer", "wf", true, response.toBuilder().clearSummary().build()))
                .matches("(?s)SwitchTraffic dry run results for workflow customer\\.wf at \\d\\d \\w{3} \\d\\d \\d\\d:\\d\\d UTC\n\nLock keyspace commerce\n.*");
    }

    @Test
    void completeAndCancel() {
        assertThat(WorkflowOutput.complete(WorkflowOutput.completedSummary("customer", "commerce2customer"), List.of()))
                .isEqualTo("Successfully completed the commerce2customer workflow in the customer keyspace\n\n");
        assertThat(WorkflowOutput.complete("Complete dry run results for workflow customer.wf at 04 Jan 23 17:59 UTC",
                List.of("Lock keyspace commerce", "Delete routing rules")))
                .isEqualTo("Complete dry run results for workflow customer.wf at 04 Jan 23 17:59 UTC\n\nLock keyspace commerce\nDelete routing rules\n\n");
        assertThat(WorkflowOutput.cancel(WorkflowOutput.cancelledSummary("customer", "commerce2customer")))
                .isEqualTo("Successfully cancelled the commerce2customer workflow in the customer keyspace\n\n");
    }

    @Test
    void workflowListPrintsTheNamesAsAJsonArray() {
        GetWorkflowsResponse response = GetWorkflowsResponse.newBuilder().addWorkflows(Workflow.newBuilder().setName("commerce2customer")).build();
        assertThat(WorkflowCommand.names(response)).isEqualTo("[\n  \"commerce2customer\"\n]");
        assertThat(WorkflowCommand.names(GetWorkflowsResponse.getDefaultInstance())).isEqualTo("[]");
    }

    @Test
    void refreshStateByShardMessage() {
        RefreshStateByShardRequest request = RefreshStateByShardRequest.newBuilder().setKeyspace("commerce").setShard("0").build();
        assertThat(TabletControlCommands.RefreshStateByShard.message(request, RefreshStateByShardResponse.getDefaultInstance()))
                .isEqualTo("Refreshed state on commerce/0\n");
        assertThat(TabletControlCommands.RefreshStateByShard.message(request.toBuilder().addCells("zone1").addCells("zone2").build(),
                RefreshStateByShardResponse.newBuilder().setIsPartialRefresh(true).build()))
                .isEqualTo("Refreshed state on commerce/0 in cells zone1, zone2\n"
                        + "State refresh was partial; some tablets in the shard may not have succeeded.\n");
    }

    @Test
    void goJsonWritesLikeGo() {
        assertThat(GoJson.number(100.0)).isEqualTo("100");
        assertThat(GoJson.number(45.5)).isEqualTo("45.5");
        assertThat(GoJson.number(0)).isEqualTo("0");
        assertThat(GoJson.pretty(java.util.Map.of("a<b", "x=\"1\"&"))).isEqualTo("{\n  \"a\\u003cb\": \"x=\\\"1\\\"\\u0026\"\n}");
    }
}
