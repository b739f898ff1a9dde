package io.jvitess.cli.vtctldclient;

import io.jvitess.proto.vtctldata.WorkflowStatusResponse;
import io.jvitess.proto.vtctldata.WorkflowSwitchTrafficResponse;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text vtctldclient prints for MoveTables and Reshard. Every method returns the complete stdout, trailing
 * newlines included: Vitess builds a buffer ending in a newline and then prints it with {@code Printf("%s\n")}.
 */
final class WorkflowOutput {

    /** Go's {@code time.RFC822}, e.g. {@code 02 Jan 06 15:04 UTC}. */
    private static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("dd MMM yy HH:mm 'UTC'", Locale.ROOT);

    private WorkflowOutput() {
    }

    /** create and status: one line per stream, then the copy progress per table and the traffic state. */
    static String status(String keyspace, String workflow, WorkflowStatusResponse response) {
        StringBuilder text = new StringBuilder();
        text.append("The following vreplication streams exist for workflow ").append(keyspace).append('.').append(workflow)
                .append(":\n\n");
        // Go iterates the map in random order; sort by shard so the output is stable.
        for (WorkflowStatusResponse.ShardStreams shardStreams : new TreeMap<>(response.getShardStreamsMap()).values()) {
            for (WorkflowStatusResponse.ShardStreamState stream : shardStreams.getStreamsList()) {
                text.append(String.format(Locale.ROOT, "id=%d on %s/%s-%d: Status: %s. %s.\n", stream.getId(), keyspace,
                        stream.getTablet().getCell(), Integer.toUnsignedLong(stream.getTablet().getUid()), stream.getStatus(),
                        stream.getInfo()));
            }
        }
        if (response.getTableCopyStateCount() > 0) {
            text.append("\nTable Copy Status:");
            for (Map.Entry<String, WorkflowStatusResponse.TableCopyState> entry : new TreeMap<>(response.getTableCopyStateMap()).entrySet()) {
                WorkflowStatusResponse.TableCopyState state = entry.getValue();
                text.append("\n\t").append(entry.getKey()).append(": ").append(String.format(Locale.ROOT,
                        "RowsCopied:%d, RowsTotal:%d, RowsPercentage:%.2f, BytesCopied:%d, BytesTotal:%d, BytesPercentage:%.2f",
                        state.getRowsCopied(), state.getRowsTotal(), state.getRowsPercentage(), state.getBytesCopied(),
                        state.getBytesTotal(), state.getBytesPercentage()));
            }
            text.append('\n');
        }
        return text.append("\nTraffic State: ").append(response.getTrafficState()).append('\n').toString();
    }

    /**
     * switchtraffic and reversetraffic. The summary comes from the server; when it sends none (an older or partial
     * server) the client writes the one Vitess's server writes.
     */
    static String switchTraffic(String command, String keyspace, String workflow, boolean dryRun,
                                WorkflowSwitchTrafficResponse response) {
        String summary = response.getSummary();
        if (summary.isEmpty()) {
            summary = dryRun
                    ? command + " dry run results for workflow " + keyspace + "." + workflow + " at " + RFC822.format(ZonedDateTime.now(ZoneOffset.UTC))
                    : command + " was successful for workflow " + keyspace + "." + workflow;
        }
        StringBuilder text = new StringBuilder(summary).append("\n\n");
        if (dryRun) {
            response.getDryRunResultsList().forEach(line -> text.append(line).append('\n'));
        } else {
            text.append("Start State: ").append(response.getStartState()).append('\n');
            text.append("Current State: ").append(response.getCurrentState()).append('\n');
        }
        return text.append('\n').toString();
    }

    /** complete: the summary, then any dry-run results after a blank line. */
    static String complete(String summary, List<String> dryRunResults) {
        StringBuilder text = new StringBuilder(summary).append('\n');
        if (!dryRunResults.isEmpty()) {
            text.append('\n');
            dryRunResults.forEach(line -> text.append(line).append('\n'));
        }
        return text.append('\n').toString();
    }

    /** cancel: the summary. */
    static String cancel(String summary) {
        return summary + "\n\n";
    }

    static String completedSummary(String keyspace, String workflow) {
        return "Successfully completed the " + workflow + " workflow in the " + keyspace + " keyspace";
    }

    static String cancelledSummary(String keyspace, String workflow) {
        return "Successfully cancelled the " + workflow + " workflow in the " + keyspace + " keyspace";
    }
}
