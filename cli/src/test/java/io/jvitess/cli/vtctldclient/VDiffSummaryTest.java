package io.jvitess.cli.vtctldclient;

import io.jvitess.proto.tabletmanagerdata.VDiffResponse;
import io.jvitess.proto.tabletmanagerdata.VDiffShardReport;
import io.jvitess.proto.tabletmanagerdata.VDiffTableReport;
import io.jvitess.proto.vtctldata.VDiffShowResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VDiff show: the per-shard reports folded into Vitess's summary. */
class VDiffSummaryTest {

    private static final String UUID = "a037a9e2-5628-11ee-8c99-0242ac120002";
    private static final Instant NOW = Instant.parse("2024-01-01T10:01:40Z");

    private static VDiffTableReport table(String name, String state, long compared, long rows) {
        return VDiffTableReport.newBuilder().setTableName(name).setState(state).setRowsCompared(compared).setTableRows(rows)
                .setMatchingRows(compared).build();
    }

    private static VDiffShardReport shard(String shard, String state, String startedAt, String completedAt, VDiffTableReport... tables) {
        return VDiffShardReport.newBuilder().setVdiffUuid(UUID).setShard(shard).setState(state).setStartedAt(startedAt)
                .setCompletedAt(completedAt).addAllTables(java.util.List.of(tables)).build();
    }

    private static VDiffShowResponse response(VDiffShardReport... reports) {
        VDiffShowResponse.Builder response = VDiffShowResponse.newBuilder();
        for (VDiffShardReport report : reports) {
            response.putTabletResponses(report.getShard(), VDiffResponse.newBuilder().setVdiffUuid(UUID).addReports(report).build());
        }
        return response.build();
    }

    private static VDiffShowResponse completed() {
        return response(
                shard("80-", "completed", "2024-01-01 10:00:01", "2024-01-01 10:00:05",
                        table("corder", "completed", 5, 5), table("customer", "completed", 5, 5)),
                shard("-80", "completed", "2024-01-01 10:00:00", "2024-01-01 10:00:03",
                        table("corder", "completed", 0, 0), table("customer", "completed", 0, 0)));
    }

    @Test
    void completedSummaryMatchesTheDocumentedJson() {
        assertThat(VDiffCommand.show(true, "customer", "commerce2customer", UUID, completed(), false, NOW)).isEqualTo("""
                {
                  "Workflow": "commerce2customer",
                  "Keyspace": "customer",
                  "State": "completed",
                  "UUID": "a037a9e2-5628-11ee-8c99-0242ac120002",
                  "RowsCompared": 10,
                  "HasMismatch": false,
                  "Shards": "-80,80-",
                  "StartedAt": "2024-01-01 10:00:00",
                  "CompletedAt": "2024-01-01 10:00:05"
                }""");
    }

    @Test
    void verboseAddsTableSummaryAndReportsPerShard() {
        assertThat(VDiffCommand.show(true, "customer", "commerce2customer", "last", completed(), true, NOW)).isEqualTo("""
                {
                  "Workflow": "commerce2customer",
                  "Keyspace": "customer",
                  "State": "completed",
                  "UUID": "a037a9e2-5628-11ee-8c99-0242ac120002",
                  "RowsCompared": 10,
                  "HasMismatch": false,
                  "Shards": "-80,80-",
                  "StartedAt": "2024-01-01 10:00:00",
                  "CompletedAt": "2024-01-01 10:00:05",
                  "TableSummary": {
                    "corder": {
                      "TableName": "corder",
                      "State": "completed",
                      "RowsCompared": 5,
                      "MatchingRows": 5,
                      "MismatchedRows": 0,
                      "ExtraRowsSource": 0,
                      "ExtraRowsTarget": 0
                    },
                    "customer": {
                      "TableName": "customer",
                      "State": "completed",
                      "RowsCompared": 5,
                      "MatchingRows": 5,
                      "MismatchedRows": 0,
                      "ExtraRowsSource": 0,
                      "ExtraRowsTarget": 0
                    }
                  },
                  "Reports": {
                    "corder": {
                      "-80": {
                        "TableName": "corder",
                        "ProcessedRows": 0,
                        "MatchingRows": 0,
                        "MismatchedRows": 0,
                        "ExtraRowsSource": 0,
                        "ExtraRowsTarget": 0
                      },
                      "80-": {
                        "TableName": "corder",
                        "ProcessedRows": 5,
                        "MatchingRows": 5,
                        "MismatchedRows": 0,
                        "ExtraRowsSource": 0,
                        "ExtraRowsTarget": 0
                      }
                    },
                    "customer": {
                      "-80": {
                        "TableName": "customer",
                        "ProcessedRows": 0,
                        "MatchingRows": 0,
                        "MismatchedRows": 0,
                        "ExtraRowsSource": 0,
                        "ExtraRowsTarget": 0
                      },
                      "80-": {
                        "TableName": "customer",
                        "ProcessedRows": 5,
                        "MatchingRows": 5,
                        "MismatchedRows": 0,
                        "ExtraRowsSource": 0,
                        "ExtraRowsTarget": 0
                      }
                    }
                  }
                }""");
    }

    @Test
    void runningVDiffReportsProgressAndNoCompletion() {
        VDiffShowResponse running = response(
                shard("-80", "completed", "2024-01-01 10:00:00", "2024-01-01 10:00:10", table("customer", "completed", 100, 100)),
                shard("80-", "started", "2024-01-01 10:00:00", "", table("customer", "started", 0, 300)));
        VDiffSummary summary = VDiffSummary.build("customer", "wf", UUID, running, false, NOW);
        assertThat(summary.state()).isEqualTo("started");
        assertThat(summary.completedAt()).isEmpty();
        // 100 of 400 rows after 100 seconds: 4 seconds per percent, 75 percent to go.
        assertThat(summary.progress()).contains(new VDiffSummary.Progress(25.0, "2024-01-01 10:06:40"));
        assertThat(summary.json()).endsWith("""
                  "StartedAt": "2024-01-01 10:00:00",
                  "Progress": {
                    "Percentage": 25,
                    "ETA": "2024-01-01 10:06:40"
                  }
                }""");
        assertThat(VDiffSummary.progress(0, 0, "", NOW)).isEqualTo(new VDiffSummary.Progress(0, ""));
    }

    @Test
    void stateAggregation() {
        VDiffTableReport done = table("t", "completed", 1, 1);
        assertThat(VDiffSummary.build("k", "w", UUID, response(shard("-80", "error", "", "", done), shard("80-", "completed", "", "", done)),
                false, NOW).state()).isEqualTo("error");
        assertThat(VDiffSummary.build("k", "w", UUID, response(shard("-80", "started", "", "", table("t", "error", 0, 1))), false, NOW).state())
                .isEqualTo("error");
        assertThat(VDiffSummary.build("k", "w", UUID, response(shard("-80", "stopped", "", "", done)), false, NOW).state())
                .isEqualTo("stopped");
        assertThat(VDiffSummary.build("k", "w", UUID, response(shard("-80", "pending", "", "")), false, NOW).state())
                .isEqualTo("pending");
        assertThat(VDiffSummary.build("k", "w", UUID, response(shard("-80", "started", "", "", table("t", "pending", 0, 1))), false, NOW).state())
                .isEqualTo("pending");
        // Every table finished but the shard still has sources to go: not completed yet.
        assertThat(VDiffSummary.build("k", "w", UUID, response(shard("-80", "started", "", "", done)), false, NOW).state())
                .isEqualTo("started");
        assertThat(VDiffSummary.build("k", "w", UUID, response(shard("-80", "completed", "", "", done)), false, NOW).state())
                .isEqualTo("completed");
    }

    @Test
    void mismatchShowsTheReportsWithoutVerboseAndErrorsPerShard() {
        VDiffTableReport mismatched = VDiffTableReport.newBuilder().setTableName("customer").setState("completed").setRowsCompared(5)
                .setMatchingRows(3).setMismatchedRows(1).setExtraRowsTarget(1).addMismatchedSample("customer_id=4")
                .addExtraTargetSample("customer_id=9, email=x, y@domain.com").build();
        VDiffShardReport report = shard("0", "completed", "2024-01-01 10:00:00", "2024-01-01 10:00:02", mismatched).toBuilder()
                .setHasMismatch(true).setErrors("").build();
        String json = VDiffSummary.build("customer", "wf", UUID, response(report), false, NOW).json();
        assertThat(json).contains("\"HasMismatch\": true").contains("\"TableSummary\"").contains("""
                        "ExtraRowsTargetSample": [
                          {
                            "Row": {
                              "customer_id": "9",
                              "email": "x, y@domain.com"
                            }
                          }
                        ],
                        "MismatchedRowsSample": [
                          {
                            "source_diff": {
                              "Row": {
                                "customer_id": "4"
                              }
                            },
                            "target_diff": {
                              "Row": {
                                "customer_id": "4"
                              }
                            }
                          }
                        ]
                """);
        VDiffShardReport failed = shard("0", "error", "2024-01-01 10:00:00", "", table("customer", "error", 0, 5)).toBuilder()
                .setErrors("lost connection").build();
        assertThat(VDiffSummary.build("customer", "wf", UUID, response(failed), false, NOW).json())
                .contains("\"State\": \"error\"")
                .contains("\"Errors\": {\n    \"0\": \"lost connection\"\n  }");
    }

    @Test
    void textSummary() {
        assertThat(VDiffCommand.show(false, "customer", "commerce2customer", UUID, completed(), false, NOW)).isEqualTo("""

                VDiff Summary for customer.commerce2customer (a037a9e2-5628-11ee-8c99-0242ac120002)
                State:        completed
                RowsCompared: 10
                HasMismatch:  false
                StartedAt:    2024-01-01 10:00:00
                CompletedAt:  2024-01-01 10:00:05
                \s
                Use "--format=json" for more detailed output.
                """);
        assertThat(VDiffCommand.show(false, "customer", "commerce2customer", UUID, completed(), true, NOW)).contains("""
                \s
                Table corder:
                \tState:            completed
                \tProcessedRows:    5
                \tMatchingRows:     5
                \s
                Table customer:""");
    }

    @Test
    void lastAllAndMissing() {
        assertThat(VDiffCommand.show(true, "customer", "wf", "last", VDiffShowResponse.getDefaultInstance(), false, NOW)).isEqualTo("{}");
        assertThat(VDiffCommand.show(false, "customer", "wf", "last", VDiffShowResponse.getDefaultInstance(), false, NOW))
                .isEqualTo("No previous vdiff found for customer.wf");
        assertThatThrownBy(() -> VDiffCommand.show(true, "customer", "wf", UUID, VDiffShowResponse.getDefaultInstance(), false, NOW))
                .hasMessage("no response received for vdiff show of customer.wf (" + UUID + ")");
        assertThat(VDiffCommand.show(true, "customer", "wf", "all", completed(), false, NOW)).isEqualTo("""
                [
                  {
                    "UUID": "a037a9e2-5628-11ee-8c99-0242ac120002",
                    "Workflow": "wf",
                    "Keyspace": "customer",
                    "Shard": "-80",
                    "State": "completed"
                  },
                  {
                    "UUID": "a037a9e2-5628-11ee-8c99-0242ac120002",
                    "Workflow": "wf",
                    "Keyspace": "customer",
                    "Shard": "80-",
                    "State": "completed"
                  }
                ]""");
        assertThat(VDiffCommand.show(false, "customer", "wf", "all", completed(), false, NOW)).isEqualTo("""
                +--------------------------------------+----------+----------+-------+-----------+
                | UUID                                 | Workflow | Keyspace | Shard | State     |
                +--------------------------------------+----------+----------+-------+-----------+
                | a037a9e2-5628-11ee-8c99-0242ac120002 | wf       | customer | -80   | completed |
                +--------------------------------------+----------+----------+-------+-----------+
                | a037a9e2-5628-11ee-8c99-0242ac120002 | wf       | customer | 80-   | completed |
                +--------------------------------------+----------+----------+-------+-----------+
                """);
        assertThat(VDiffCommand.show(false, "customer", "wf", "all", VDiffShowResponse.getDefaultInstance(), false, NOW))
                .isEqualTo("No vdiffs found for customer.wf");
        assertThat(VDiffCommand.simpleResponse(false, "stop")).isEqualTo("VDiff stop completed");
        assertThat(VDiffCommand.simpleResponse(true, "resume")).isEqualTo("{\n  \"Action\": \"resume\",\n  \"Status\": \"scheduled\"\n}");
    }
}
