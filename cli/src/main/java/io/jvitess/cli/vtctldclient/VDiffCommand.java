package io.jvitess.cli.vtctldclient;

import io.jvitess.cli.GoDuration;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.vtctldata.VDiffCreateRequest;
import io.jvitess.proto.vtctldata.VDiffDeleteRequest;
import io.jvitess.proto.vtctldata.VDiffResumeRequest;
import io.jvitess.proto.vtctldata.VDiffShowRequest;
import io.jvitess.proto.vtctldata.VDiffShowResponse;
import io.jvitess.proto.vtctldata.VDiffStopRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code VDiff --workflow W --target-keyspace K <subcommand>}: compare a workflow's source and target tables. */
@Command(mixinStandardHelpOptions = true, name = "VDiff", aliases = "vdiff",
        description = "Perform commands related to diffing tables involved in a VReplication workflow between the source and target.",
        subcommands = {VDiffCommand.Create.class, VDiffCommand.Show.class, VDiffCommand.Stop.class, VDiffCommand.Resume.class,
                VDiffCommand.Delete.class})
final class VDiffCommand extends WorkflowTarget {

    static String uuid(String text) {
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid UUID provided: %s", text);
        }
    }

    /** What stop, resume and delete print: {@code VDiff stop completed}, or the same as JSON. */
    static String simpleResponse(boolean json, String action) {
        String status = action.equals("resume") ? "scheduled" : "completed";
        if (!json) {
            return "VDiff " + action + " " + status;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Action", action);
        response.put("Status", status);
        return GoJson.pretty(response);
    }

    /** The summary of one VDiff, or the listing for {@code all}, in the requested format. */
    static String show(boolean json, String keyspace, String workflow, String argument, VDiffShowResponse response, boolean verbose,
                       Instant now) {
        if (argument.equals("all")) {
            List<VDiffSummary.Listing> listings = VDiffSummary.listings(keyspace, workflow, response);
            if (json) {
                return VDiffSummary.listingsJson(listings);
            }
            return listings.isEmpty() ? "No vdiffs found for " + keyspace + "." + workflow : VDiffSummary.listingsText(listings);
        }
        String uuid = argument;
        if (argument.equals("last")) {
            var last = VDiffSummary.lastUuid(response);
            if (last.isEmpty()) {
                return json ? "{}" : "No previous vdiff found for " + keyspace + "." + workflow;
            }
            uuid = last.get();
        }
        if (response.getTabletResponsesCount() == 0) {
            throw VtException.of(VtCode.NOT_FOUND, "no response received for vdiff show of %s.%s (%s)", keyspace, workflow, uuid);
        }
        VDiffSummary summary = VDiffSummary.build(keyspace, workflow, uuid, response, verbose, now);
        return json ? summary.json() : summary.text();
    }

    @Command(mixinStandardHelpOptions = true, name = "create", description = "Create and run a VDiff to compare the tables involved in a VReplication workflow between the source and target.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        VDiffCommand parent;
        @Parameters(arity = "0..1", paramLabel = "UUID", description = "The UUID to give the VDiff (default: a random one).")
        String positionalUuid;
        @Option(names = "--uuid", description = "The UUID to give the VDiff (default: a random one).")
        String uuid;
        @Option(names = "--tables", split = ",", description = "Only run vdiff for these tables in the workflow.")
        List<String> tables = new ArrayList<>();
        @Option(names = "--max-report-sample-rows", defaultValue = "10", description = "Maximum number of row differences to report per table.")
        long maxReportSampleRows;
        @Option(names = "--filtered-replication-wait-time", defaultValue = "30s", converter = GoDuration.class,
                description = "How long to wait for replication to catch up when syncing tablet streams.")
        Duration filteredReplicationWaitTime;
        @Option(names = "--only-pks", arity = "0..1", fallbackValue = "true", description = "When reporting missing rows, only show primary keys in the report.")
        boolean onlyPks;
        @Option(names = "--max-extra-rows-to-compare", defaultValue = "1000",
                description = "Rows to compare in the second pass that handles collation ordering differences.")
        long maxExtraRowsToCompare;
        @Option(names = "--wait", arity = "0..1", fallbackValue = "true", description = "Wait for the VDiff to finish before exiting.")
        boolean waitForCompletion;
        @Option(names = "--wait-update-interval", defaultValue = "1m", converter = GoDuration.class,
                description = "When waiting, check and display the current status this often.")
        Duration waitUpdateInterval;
        @Option(names = "--auto-retry", arity = "0..1", fallbackValue = "true", defaultValue = "true",
                description = "Automatically retry and continue in case of recoverable errors.")
        boolean autoRetry;

        VDiffCreateRequest request() {
            if (uuid != null && positionalUuid != null && !uuid(uuid).equals(uuid(positionalUuid))) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "two different UUIDs provided: %s and %s", positionalUuid, uuid);
            }
            String given = uuid != null ? uuid : positionalUuid;
            if (maxExtraRowsToCompare < 0) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "--max-extra-rows-to-compare must not be a negative value");
            }
            return VDiffCreateRequest.newBuilder()
                    .setWorkflow(parent.workflow())
                    .setTargetKeyspace(parent.keyspace())
                    .setUuid(given == null ? UUID.randomUUID().toString() : uuid(given))
                    .addAllTables(WorkflowSubcommands.trimmed(tables))
                    .setMaxReportSampleRows(maxReportSampleRows)
                    .setFilteredReplicationWaitTimeSeconds(filteredReplicationWaitTime.toSeconds())
                    .setOnlyPks(onlyPks)
                    .setMaxExtraRowsToCompare(maxExtraRowsToCompare)
                    .setWait(waitForCompletion)
                    .setAutoRetry(autoRetry)
                    .build();
        }

        @Override
        public Integer call() throws InterruptedException {
            boolean json = parent.jsonFormat();
            VDiffCreateRequest request = request();
            var response = parent.stub().vDiffCreate(request);
            String created = response.getUUID().isEmpty() ? request.getUuid() : response.getUUID();
            if (!waitForCompletion) {
                WorkflowSubcommands.println(json ? parent.json(response)
                        : "VDiff " + created + " scheduled on target shards, use show to view progress");
                return 0;
            }
            // Poll every interval until the VDiff completes, bounded by --action_timeout. Vitess prints every poll's
            // summary; here stdout gets only the final report, like show (so --format json stays parseable), and each
            // poll is a progress line on stderr.
            boolean jsonReport = parent.jsonFormat(true);
            Instant deadline = Instant.now().plus(parent.root.actionTimeout);
            while (true) {
                if (Instant.now().plus(waitUpdateInterval).isAfter(deadline)) {
                    throw VtException.of(VtCode.CANCELED, "context has expired");
                }
                Thread.sleep(waitUpdateInterval.toMillis());
                VDiffShowResponse shown = parent.stub().vDiffShow(VDiffShowRequest.newBuilder().setWorkflow(request.getWorkflow())
                        .setTargetKeyspace(request.getTargetKeyspace()).setArg(created).build());
                VDiffSummary summary = VDiffSummary.build(request.getTargetKeyspace(), request.getWorkflow(), created, shown, false, Instant.now());
                if (summary.state().equals(VDiffSummary.COMPLETED)) {
                    WorkflowSubcommands.println(jsonReport ? summary.json() : summary.text());
                    return 0;
                }
                System.err.println(summary.progressLine());
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show the status of a VDiff: a UUID, 'last' or 'all'.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        VDiffCommand parent;
        @Parameters(index = "0", paramLabel = "<uuid|last|all>")
        String argument;
        @Option(names = "--verbose", arity = "0..1", fallbackValue = "true", description = "Show verbose output in summaries.")
        boolean verbose;

        String argument() {
            String lower = argument.toLowerCase(Locale.ROOT);
            if (lower.equals("last") || lower.equals("all")) {
                return lower;
            }
            try {
                return UUID.fromString(argument).toString();
            } catch (IllegalArgumentException e) {
                throw VtException.of(VtCode.INVALID_ARGUMENT,
                        "invalid argument provided (%s), valid arguments are 'all', 'last', or a valid UUID", argument);
            }
        }

        @Override
        public Integer call() {
            boolean json = parent.jsonFormat(true);
            String shown = argument();
            var response = parent.stub().vDiffShow(VDiffShowRequest.newBuilder().setWorkflow(parent.workflow())
                    .setTargetKeyspace(parent.keyspace()).setArg(shown).build());
            WorkflowSubcommands.println(show(json, parent.keyspace(), parent.workflow(), shown, response, verbose, Instant.now()));
            return 0;
        }
    }

    /** stop, resume and delete: one call to vtctld, then Vitess's short confirmation naming the subcommand. */
    abstract static class SimpleAction implements Callable<Integer> {
        @ParentCommand
        VDiffCommand parent;
        @Spec
        CommandSpec spec;

        /** Sends the subcommand's request to vtctld. */
        abstract void send();

        @Override
        public Integer call() {
            boolean json = parent.jsonFormat();
            send();
            WorkflowSubcommands.println(simpleResponse(json, spec.name()));
            return 0;
        }
    }

    /** stop and resume: one VDiff, optionally on some of the target shards only. */
    abstract static class ShardAction extends SimpleAction {
        @Parameters(index = "0", paramLabel = "<uuid>")
        String uuid;
        @Option(names = "--target-shards", split = ",", description = "Only ${COMMAND-NAME} the VDiff on these target shards.")
        List<String> targetShards = new ArrayList<>();

        List<String> targetShards() {
            return WorkflowSubcommands.trimmed(targetShards);
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "stop", description = "Stop a running VDiff.")
    static final class Stop extends ShardAction {
        @Override
        void send() {
            parent.stub().vDiffStop(VDiffStopRequest.newBuilder().setWorkflow(parent.workflow()).setTargetKeyspace(parent.keyspace())
                    .setUuid(uuid(uuid)).addAllTargetShards(targetShards()).build());
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "resume", description = "Resume a VDiff.")
    static final class Resume extends ShardAction {
        @Override
        void send() {
            parent.stub().vDiffResume(VDiffResumeRequest.newBuilder().setWorkflow(parent.workflow()).setTargetKeyspace(parent.keyspace())
                    .setUuid(uuid(uuid)).addAllTargetShards(targetShards()).build());
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "delete", description = "Delete VDiffs: a UUID or 'all'.")
    static final class Delete extends SimpleAction {
        @Parameters(index = "0", paramLabel = "<uuid|all>")
        String argument;

        String argument() {
            if (argument.equalsIgnoreCase("all")) {
                return "all";
            }
            try {
                return UUID.fromString(argument).toString();
            } catch (IllegalArgumentException e) {
                throw VtException.of(VtCode.INVALID_ARGUMENT,
                        "invalid argument provided (%s), valid arguments are 'all' or a valid UUID", argument);
            }
        }

        @Override
        void send() {
            parent.stub().vDiffDelete(VDiffDeleteRequest.newBuilder().setWorkflow(parent.workflow()).setTargetKeyspace(parent.keyspace())
                    .setArg(argument()).build());
        }
    }
}
