package io.jvitess.cli.vtctldclient;

import com.google.protobuf.Message;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.tabletmanagerdata.VDiffResponse;
import io.jvitess.proto.tabletmanagerdata.VDiffShardReport;
import io.jvitess.proto.tabletmanagerdata.VDiffTableReport;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vtctldata.GetWorkflowsRequest;
import io.jvitess.proto.vtctldata.GetWorkflowsResponse;
import io.jvitess.proto.vtctldata.MoveTablesCompleteRequest;
import io.jvitess.proto.vtctldata.MoveTablesCompleteResponse;
import io.jvitess.proto.vtctldata.MoveTablesCreateRequest;
import io.jvitess.proto.vtctldata.VDiffCreateRequest;
import io.jvitess.proto.vtctldata.VDiffCreateResponse;
import io.jvitess.proto.vtctldata.VDiffShowRequest;
import io.jvitess.proto.vtctldata.VDiffShowResponse;
import io.jvitess.proto.vtctldata.Workflow;
import io.jvitess.proto.vtctldata.WorkflowDeleteRequest;
import io.jvitess.proto.vtctldata.WorkflowDeleteResponse;
import io.jvitess.proto.vtctldata.WorkflowStatusRequest;
import io.jvitess.proto.vtctldata.WorkflowStatusResponse;
import io.jvitess.proto.vtctldata.WorkflowSwitchTrafficRequest;
import io.jvitess.proto.vtctldata.WorkflowSwitchTrafficResponse;
import io.jvitess.proto.vtctlservice.VtctldGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the commands against a gRPC vtctld double on 127.0.0.1 to check what they send and print. The double answers
 * like vtctld would; the cluster behaviour itself is covered by the end-to-end tests.
 */
class VReplicationCommandsGrpcTest {

    /** Records every request and answers with canned responses. */
    static final class VtctldDouble extends VtctldGrpc.VtctldImplBase {
        final List<Message> requests = new CopyOnWriteArrayList<>();
        int vdiffShows;

        private <T> void reply(Message request, T response, StreamObserver<T> observer) {
            requests.add(request);
            observer.onNext(response);
            observer.onCompleted();
        }

        @Override
        public void moveTablesCreate(MoveTablesCreateRequest request, StreamObserver<WorkflowStatusResponse> observer) {
            reply(request, WorkflowStatusResponse.newBuilder()
                    .putShardStreams("customer/0", WorkflowStatusResponse.ShardStreams.newBuilder()
                            .addStreams(WorkflowStatusResponse.ShardStreamState.newBuilder().setId(1)
                                    .setTablet(TabletAliases.of("zone1", 200)).setStatus("Copying").setInfo("VStream has not started"))
                            .build())
                    .setTrafficState("Reads Not Switched. Writes Not Switched")
                    .build(), observer);
        }

        @Override
        public void workflowSwitchTraffic(WorkflowSwitchTrafficRequest request, StreamObserver<WorkflowSwitchTrafficResponse> observer) {
            reply(request, WorkflowSwitchTrafficResponse.newBuilder()
                    .setSummary("SwitchTraffic was successful for workflow " + request.getKeyspace() + "." + request.getWorkflow())
                    .setStartState("Reads Not Switched. Writes Not Switched")
                    .setCurrentState("All Reads Switched. Writes Not Switched")
                    .build(), observer);
        }

        @Override
        public void workflowStatus(WorkflowStatusRequest request, StreamObserver<WorkflowStatusResponse> observer) {
            if (request.getWorkflow().equals("missing")) {
                requests.add(request);
                observer.onError(Status.NOT_FOUND.withDescription("missing workflow not found in the ks keyspace").asRuntimeException());
                return;
            }
            reply(request, WorkflowStatusResponse.getDefaultInstance(), observer);
        }

        @Override
        public void moveTablesComplete(MoveTablesCompleteRequest request, StreamObserver<MoveTablesCompleteResponse> observer) {
            reply(request, MoveTablesCompleteResponse.newBuilder().setSummary("Successfully completed the " + request.getWorkflow()
                    + " workflow in the " + request.getTargetKeyspace() + " keyspace").build(), observer);
        }

        @Override
        public void workflowDelete(WorkflowDeleteRequest request, StreamObserver<WorkflowDeleteResponse> observer) {
            reply(request, WorkflowDeleteResponse.newBuilder().setSummary("Successfully cancelled the " + request.getWorkflow()
                    + " workflow in the " + request.getKeyspace() + " keyspace").build(), observer);
        }

        @Override
        public void getWorkflows(GetWorkflowsRequest request, StreamObserver<GetWorkflowsResponse> observer) {
            reply(request, GetWorkflowsResponse.newBuilder().addWorkflows(Workflow.newBuilder().setName("commerce2customer")).build(), observer);
        }

        @Override
        public void vDiffCreate(VDiffCreateRequest request, StreamObserver<VDiffCreateResponse> observer) {
            reply(request, VDiffCreateResponse.newBuilder().setUUID(request.getUuid()).build(), observer);
        }

        @Override
        public void vDiffShow(VDiffShowRequest request, StreamObserver<VDiffShowResponse> observer) {
            // Started on the first poll, completed on the second.
            String state = ++vdiffShows == 1 ? "started" : "completed";
            VDiffShardReport report = VDiffShardReport.newBuilder().setVdiffUuid(request.getArg()).setShard("0").setState(state)
                    .setStartedAt("2024-01-01 10:00:00").setCompletedAt(state.equals("completed") ? "2024-01-01 10:00:02" : "")
                    .addTables(VDiffTableReport.newBuilder().setTableName("customer").setState(state).setRowsCompared(5).setTableRows(5))
                    .build();
            reply(request, VDiffShowResponse.newBuilder()
                    .putTabletResponses("0", VDiffResponse.newBuilder().setVdiffUuid(request.getArg()).addReports(report).build())
                    .build(), observer);
        }
    }

    private final VtctldDouble vtctld = new VtctldDouble();
    private Server server;
    private PrintStream originalOut;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(vtctld).build().start();
        originalOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(originalOut);
        server.shutdownNow();
    }

    private int run(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server", "127.0.0.1:" + server.getPort()));
        all.addAll(List.of(arguments));
        try (VtctldClientCommand command = new VtctldClientCommand()) {
            // As bin/vtctldclient does (io.jvitess.cli.Main): an error is one line on stderr and exit code 1.
            return new CommandLine(command)
                    .setExecutionExceptionHandler((error, line, parseResult) -> {
                        System.err.println("E vtctldclient: " + error.getMessage());
                        return 1;
                    })
                    .execute(all.toArray(String[]::new));
        }
    }

    private String output() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void moveTablesCreateSendsTheRequestAndPrintsTheStreams() {
        int exit = run("MoveTables", "--workflow", "commerce2customer", "--target-keyspace", "customer", "create",
                "--source-keyspace", "commerce", "--tables", "customer,corder");
        assertThat(exit).isZero();
        MoveTablesCreateRequest request = (MoveTablesCreateRequest) vtctld.requests.getFirst();
        assertThat(request.getWorkflow()).isEqualTo("commerce2customer");
        assertThat(request.getSourceKeyspace()).isEqualTo("commerce");
        assertThat(request.getTargetKeyspace()).isEqualTo("customer");
        assertThat(request.getIncludeTablesList()).containsExactly("customer", "corder");
        assertThat(request.getTabletTypesList()).containsExactly(TabletType.REPLICA, TabletType.PRIMARY);
        assertThat(request.getDeferSecondaryKeys()).isTrue();
        assertThat(output()).isEqualTo("""
                The following vreplication streams exist for workflow customer.commerce2customer:

                id=1 on customer/zone1-200: Status: Copying. VStream has not started.

                Traffic State: Reads Not Switched. Writes Not Switched
                """);
    }

    @Test
    void switchTrafficForReads() {
        int exit = run("MoveTables", "--workflow", "commerce2customer", "--target-keyspace", "customer", "switchtraffic",
                "--tablet-types", "rdonly,replica");
        assertThat(exit).isZero();
        WorkflowSwitchTrafficRequest request = (WorkflowSwitchTrafficRequest) vtctld.requests.getFirst();
        assertThat(request.getTabletTypesList()).containsExactly(TabletType.RDONLY, TabletType.REPLICA);
        assertThat(request.getTimeoutSeconds()).isEqualTo(30);
        assertThat(request.getEnableReverseReplication()).isTrue();
        assertThat(output()).isEqualTo("""
                SwitchTraffic was successful for workflow customer.commerce2customer

                Start State: Reads Not Switched. Writes Not Switched
                Current State: All Reads Switched. Writes Not Switched

                """);
    }

    @Test
    void reshardCompleteIsVtctldsComplete() {
        int exit = run("Reshard", "--workflow", "cust2cust", "--target-keyspace", "customer", "complete");
        assertThat(exit).isZero();
        assertThat(vtctld.requests).containsExactly(MoveTablesCompleteRequest.newBuilder().setWorkflow("cust2cust")
                .setTargetKeyspace("customer").build());
        assertThat(output()).isEqualTo("Successfully completed the cust2cust workflow in the customer keyspace\n\n");
    }

    @Test
    void cancelKeepingTheData() {
        assertThat(run("MoveTables", "-w", "commerce2customer", "--target-keyspace", "customer", "cancel", "--keep-data")).isZero();
        assertThat(vtctld.requests).containsExactly(WorkflowDeleteRequest.newBuilder().setKeyspace("customer")
                .setWorkflow("commerce2customer").setKeepData(true).build());
        assertThat(output()).isEqualTo("Successfully cancelled the commerce2customer workflow in the customer keyspace\n\n");
    }

    @Test
    void workflowList() {
        assertThat(run("Workflow", "--keyspace", "customer", "list")).isZero();
        assertThat(((GetWorkflowsRequest) vtctld.requests.getFirst()).getNameOnly()).isTrue();
        assertThat(output()).isEqualTo("[\n  \"commerce2customer\"\n]\n");
    }

    @Test
    void vdiffCreateWaitsUntilCompleted() {
        String uuid = "a037a9e2-5628-11ee-8c99-0242ac120002";
        int exit = run("VDiff", "--workflow", "commerce2customer", "--target-keyspace", "customer", "--format", "json", "create",
                "--wait", "--wait-update-interval", "10ms", uuid);
        assertThat(exit).isZero();
        assertThat(((VDiffCreateRequest) vtctld.requests.getFirst()).getUuid()).isEqualTo(uuid);
        assertThat(vtctld.vdiffShows).isEqualTo(2);
        // Only the final report goes to stdout, so it parses as one JSON document.
        assertThat(output()).isEqualTo("""
                {
                  "Workflow": "commerce2customer",
                  "Keyspace": "customer",
                  "State": "completed",
                  "UUID": "a037a9e2-5628-11ee-8c99-0242ac120002",
                  "RowsCompared": 5,
                  "HasMismatch": false,
                  "Shards": "0",
                  "StartedAt": "2024-01-01 10:00:00",
                  "CompletedAt": "2024-01-01 10:00:02"
                }
                """);
    }

    @Test
    void vdiffCreatePrintsTheScheduledUuid() {
        assertThat(run("VDiff", "-w", "commerce2customer", "--target-keyspace", "customer", "create")).isZero();
        String uuid = ((VDiffCreateRequest) vtctld.requests.getFirst()).getUuid();
        assertThat(output()).isEqualTo("VDiff " + uuid + " scheduled on target shards, use show to view progress\n");
    }

    @Test
    void serverErrorsExitWithOne() {
        assertThat(run("MoveTables", "-w", "missing", "--target-keyspace", "ks", "status")).isEqualTo(1);
        assertThat(vtctld.requests).hasSize(1);
        assertThat(output()).isEmpty();
    }
}
