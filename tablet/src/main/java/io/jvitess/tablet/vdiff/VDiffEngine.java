package io.jvitess.tablet.vdiff;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.tabletmanagerdata.VDiffOptions;
import io.jvitess.proto.tabletmanagerdata.VDiffRequest;
import io.jvitess.proto.tabletmanagerdata.VDiffResponse;
import io.jvitess.proto.tabletmanagerdata.VDiffShardReport;
import io.jvitess.proto.tabletmanagerdata.VDiffTableReport;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.tablet.mysql.MysqlConnector;
import io.jvitess.tablet.vreplication.SourceResolver;
import io.jvitess.tablet.vreplication.VReplicationEngine;
import io.jvitess.tablet.vstreamer.SourceEndpoint;
import io.jvitess.tablet.vstreamer.TableRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * VDiff v2 on a target primary (Vitess §8.4): {@code create} records a vdiff and its tables in
 * {@code _vt.vdiff}/{@code _vt.vdiff_table} and returns; one worker thread runs pending vdiffs one
 * after another while the tablet's VReplication engine is open (it is on a primary), and resumes a vdiff
 * that was running when the tablet stopped. {@code show}, {@code stop}, {@code resume} and
 * {@code delete} act on the persisted rows.
 */
public final class VDiffEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VDiffEngine.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final long DEFAULT_SAMPLE_ROWS = 10;
    private static final long DEFAULT_WAIT_SECONDS = 30;
    private static final long DEFAULT_EXTRA_ROWS = 1000;

    private final String keyspace;
    private final String shard;
    private final Function<String, Keyspace> vschemas;
    private final VDiffStore store;
    private final StreamSynchronizer synchronizer;
    private final VDiffWorker worker;

    /**
     * @param chunkRows rows read per query on each side, and rows compared between two progress saves
     * @param sources   finds the source mysqld of a stream (the source shard's primary)
     * @param vschemas  the VSchema of a keyspace, for key-range filters
     */
    public VDiffEngine(String keyspace, String shard, int chunkRows, MysqlConnector mysql, VReplicationEngine vreplication,
                       SourceResolver sources, Function<String, Keyspace> vschemas) {
        this.keyspace = requireNonNull(keyspace, "keyspace is null");
        this.shard = requireNonNull(shard, "shard is null");
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be positive: " + chunkRows);
        }
        requireNonNull(vreplication, "vreplication is null");
        this.vschemas = requireNonNull(vschemas, "vschemas is null");
        this.store = new VDiffStore(requireNonNull(mysql, "mysql is null"));
        SourceEndpoint local = new SourceEndpoint(mysql.host(), mysql.port(), MysqlConnector.DBA_USER, "", mysql.databaseName());
        this.synchronizer = new StreamSynchronizer(store, vreplication, sources, vschemas, local);
        this.worker = new VDiffWorker("vdiff-" + keyspace + "-" + shard, store, synchronizer, vreplication, chunkRows);
    }

    public VDiffResponse handle(VDiffRequest request) {
        requireNonNull(request, "request is null");
        return switch (request.getAction().toLowerCase(Locale.ROOT)) {
            case "create" -> create(request);
            case "show" -> show(request);
            case "stop" -> stop(request);
            case "resume" -> resume(request);
            case "delete" -> delete(request);
            default -> throw VtException.of(VtCode.INVALID_ARGUMENT, "unknown vdiff action %s (create, show, stop, resume, delete)",
                    request.getAction());
        };
    }

    private VDiffResponse create(VDiffRequest request) {
        String uuid = request.getVdiffUuid();
        if (uuid.isEmpty() || request.getWorkflow().isEmpty()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "vdiff create needs a workflow and a vdiff_uuid");
        }
        if (store.find(uuid).isPresent()) {
            throw VtException.of(VtCode.ALREADY_EXISTS, "vdiff %s already exists", uuid);
        }
        VDiffOptions options = withDefaults(request.getOptions());
        String targetKeyspace = request.getKeyspace().isEmpty() ? keyspace : request.getKeyspace();
        long id = store.create(uuid, targetKeyspace, request.getWorkflow(), shard, options);
        try {
            for (String table : tables(request.getWorkflow(), options)) {
                store.addTable(id, table, store.tableRows(table));
            }
            store.log(id, "Created for workflow " + request.getWorkflow());
        } catch (VtException e) {
            // Vitess reports a vdiff that cannot run as an errored vdiff, visible with show.
            store.transition(id, Set.of(VDiffState.PENDING), VDiffState.ERROR, e.getMessage());
            store.log(id, "Error: " + e.getMessage());
            log.warn("vdiff {} on workflow {} cannot run: {}", uuid, request.getWorkflow(), e.getMessage());
        }
        worker.wake();
        return VDiffResponse.newBuilder().setVdiffUuid(uuid).build();
    }

    private static VDiffOptions withDefaults(VDiffOptions options) {
        VDiffOptions.Builder builder = options.toBuilder();
        if (builder.getMaxReportSampleRows() <= 0) {
            builder.setMaxReportSampleRows(DEFAULT_SAMPLE_ROWS);
        }
        if (builder.getFilteredReplicationWaitTimeSeconds() <= 0) {
            builder.setFilteredReplicationWaitTimeSeconds(DEFAULT_WAIT_SECONDS);
        }
        if (builder.getMaxExtraRowsToCompare() <= 0) {
            builder.setMaxExtraRowsToCompare(DEFAULT_EXTRA_ROWS);
        }
        return builder.build();
    }

    /** The requested tables, or every table of this database that the workflow's rules replicate. */
    private List<String> tables(String workflow, VDiffOptions options) {
        TreeSet<String> replicated = new TreeSet<>();
        List<String> local = store.baseTables();
        for (WorkflowStream stream : synchronizer.streams(workflow)) {
            replicated.addAll(new TableRules(stream.source().keyspace(), stream.source().rules(), vschemas).matchingTables(local));
        }
        if (options.getTablesCount() == 0) {
            if (replicated.isEmpty()) {
                throw VtException.of(VtCode.FAILED_PRECONDITION, "workflow %s replicates no table of database %s", workflow,
                        store.databaseName());
            }
            return List.copyOf(replicated);
        }
        TreeSet<String> requested = new TreeSet<>();
        for (String table : options.getTablesList()) {
            String name = table.trim();
            if (!replicated.contains(name)) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "table %s is not part of workflow %s", name, workflow);
            }
            requested.add(name);
        }
        return List.copyOf(requested);
    }

    private VDiffResponse show(VDiffRequest request) {
        String argument = request.getActionArg().isEmpty() ? request.getVdiffUuid() : request.getActionArg();
        List<VDiffRecord> records = switch (argument.toLowerCase(Locale.ROOT)) {
            case "last" -> {
                List<VDiffRecord> all = store.list(request.getWorkflow());
                yield all.isEmpty() ? List.of() : List.of(all.getLast());
            }
            case "all" -> store.list(request.getWorkflow());
            case "" -> throw VtException.of(VtCode.INVALID_ARGUMENT, "vdiff show needs last, all or a vdiff uuid");
            default -> store.find(argument).stream().toList();
        };
        VDiffResponse.Builder response = VDiffResponse.newBuilder();
        records.forEach(record -> response.addReports(report(record)));
        if (records.size() == 1) {
            response.setVdiffUuid(records.getFirst().uuid());
        }
        return response.build();
    }

    private VDiffShardReport report(VDiffRecord record) {
        VDiffShardReport.Builder report = VDiffShardReport.newBuilder()
                .setVdiffUuid(record.uuid())
                .setShard(record.shard())
                .setState(record.state().text())
                .setErrors(record.lastError());
        record.startedAt().map(TIME::format).ifPresent(report::setStartedAt);
        record.completedAt().map(TIME::format).ifPresent(report::setCompletedAt);
        for (TableRecord table : store.tables(record.id())) {
            VDiffTableReport tableReport = table.report().toBuilder()
                    .setTableName(table.table())
                    .setState(table.state().text())
                    .setRowsCompared(table.rowsCompared())
                    .setTableRows(table.tableRows())
                    .build();
            report.addTables(tableReport)
                    .setRowsCompared(report.getRowsCompared() + table.rowsCompared())
                    .setTableRows(report.getTableRows() + table.tableRows())
                    .setHasMismatch(report.getHasMismatch() || table.mismatch());
        }
        return report.build();
    }

    private VDiffResponse stop(VDiffRequest request) {
        VDiffRecord record = existing(request);
        if (worker.interrupt(record.id(), Cancellation.Reason.STOP)) {
            store.log(record.id(), "State changed to: stopped");
        }
        return VDiffResponse.newBuilder().setVdiffUuid(record.uuid()).build();
    }

    private VDiffResponse resume(VDiffRequest request) {
        VDiffRecord record = existing(request);
        Set<VDiffState> resumable = Set.of(VDiffState.STOPPED, VDiffState.COMPLETED, VDiffState.ERROR);
        if (!resumable.contains(record.state())) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "vdiff %s is %s: only stopped, completed or failed vdiffs can be resumed",
                    record.uuid(), record.state().text());
        }
        // Tables first, so the worker never sees the vdiff pending with tables still completed.
        store.resetTables(record.id());
        store.transition(record.id(), resumable, VDiffState.PENDING, null);
        store.log(record.id(), "State changed to: pending (resumed)");
        worker.wake();
        return VDiffResponse.newBuilder().setVdiffUuid(record.uuid()).build();
    }

    private VDiffResponse delete(VDiffRequest request) {
        String argument = request.getActionArg().isEmpty() ? request.getVdiffUuid() : request.getActionArg();
        List<VDiffRecord> records = argument.equalsIgnoreCase("all") ? store.list(request.getWorkflow()) : List.of(existing(request));
        for (VDiffRecord record : records) {
            worker.interrupt(record.id(), Cancellation.Reason.DELETE);
            store.find(record.id()).flatMap(VDiffRecord::streamStates)
                    .ifPresent(states -> synchronizer.restore(record.id(), HeldStreams.decode(states)));
            store.delete(record.id());
        }
        return VDiffResponse.newBuilder().setVdiffUuid(records.size() == 1 ? records.getFirst().uuid() : "").build();
    }

    private VDiffRecord existing(VDiffRequest request) {
        String uuid = request.getActionArg().isEmpty() ? request.getVdiffUuid() : request.getActionArg();
        return store.find(uuid).orElseThrow(() -> VtException.of(VtCode.NOT_FOUND, "vdiff %s not found", uuid));
    }

    @Override
    public void close() {
        worker.close();
    }
}
