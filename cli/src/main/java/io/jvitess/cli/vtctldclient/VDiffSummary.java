package io.jvitess.cli.vtctldclient;

import io.jvitess.proto.tabletmanagerdata.VDiffResponse;
import io.jvitess.proto.tabletmanagerdata.VDiffShardReport;
import io.jvitess.proto.tabletmanagerdata.VDiffTableReport;
import io.jvitess.proto.vtctldata.VDiffShowResponse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One VDiff aggregated over the target shards, as {@code vtctldclient VDiff show} prints it. The aggregation follows
 * Vitess's {@code buildSingleSummary}: a stopped shard makes the VDiff stopped, any error makes it error, any started or
 * pending table makes it started or pending, and it is completed only when every table on every shard and every shard
 * is completed.
 */
record VDiffSummary(String workflow, String keyspace, String state, String uuid, long rowsCompared, boolean hasMismatch,
                    String shards, String startedAt, String completedAt, Map<String, TableSummary> tableSummary,
                    Map<String, Map<String, VDiffTableReport>> reports, Map<String, String> errors, Optional<Progress> progress) {

    static final String PENDING = "pending";
    static final String STARTED = "started";
    static final String STOPPED = "stopped";
    static final String ERROR = "error";
    static final String COMPLETED = "completed";
    static final String UNKNOWN = "unknown";

    /** VDiff timestamps are MySQL datetimes in UTC. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    VDiffSummary {
        requireNonNull(workflow, "workflow is null");
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(state, "state is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(progress, "progress is null");
    }

    /** One table over all shards. */
    record TableSummary(String tableName, String state, long rowsCompared, long matchingRows, long mismatchedRows,
                        long extraRowsSource, long extraRowsTarget) {
    }

    /** How far a started VDiff is; the ETA is empty until 1% is done. */
    record Progress(double percentage, String eta) {
    }

    /** One VDiff in {@code show all}. */
    record Listing(String uuid, String workflow, String keyspace, String shard, String state) {
    }

    /** The UUID {@code show last} refers to, if any shard has a VDiff. */
    static Optional<String> lastUuid(VDiffShowResponse response) {
        for (VDiffResponse shardResponse : new TreeMap<>(response.getTabletResponsesMap()).values()) {
            if (!shardResponse.getVdiffUuid().isEmpty()) {
                return Optional.of(shardResponse.getVdiffUuid());
            }
            for (VDiffShardReport report : shardResponse.getReportsList()) {
                if (!report.getVdiffUuid().isEmpty()) {
                    return Optional.of(report.getVdiffUuid());
                }
            }
        }
        return Optional.empty();
    }

    static VDiffSummary build(String keyspace, String workflow, String uuid, VDiffShowResponse response, boolean verbose, Instant now) {
        Map<String, Integer> shardStates = new TreeMap<>();
        Map<String, Integer> tableStates = new TreeMap<>();
        Map<String, TableSummary> tables = new TreeMap<>();
        Map<String, Map<String, VDiffTableReport>> reports = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        List<String> shards = new ArrayList<>();
        String startedAt = "";
        String completedAt = "";
        long rowsCompared = 0;
        long rowsToCompare = 0;
        boolean hasMismatch = false;
        int tableEntries = 0;
        for (Map.Entry<String, VDiffResponse> entry : new TreeMap<>(response.getTabletResponsesMap()).entrySet()) {
            Optional<VDiffShardReport> found = reportFor(entry.getValue(), uuid);
            if (found.isEmpty()) {
                continue;
            }
            String shard = entry.getKey();
            VDiffShardReport report = found.get();
            shards.add(shard);
            // The earliest start and the latest completion over all shards; the timestamps sort as text.
            if (!report.getStartedAt().isEmpty() && (startedAt.isEmpty() || report.getStartedAt().compareTo(startedAt) < 0)) {
                startedAt = report.getStartedAt();
            }
            if (completedAt.isEmpty() || report.getCompletedAt().compareTo(completedAt) > 0) {
                completedAt = report.getCompletedAt();
            }
            if (!report.getErrors().isEmpty()) {
                errors.put(shard, report.getErrors());
            }
            String shardState = report.getState().toLowerCase(Locale.ROOT);
            shardStates.merge(shardState, 1, Integer::sum);
            hasMismatch |= report.getHasMismatch();
            if (report.getTablesCount() == 0) {
                // Nothing per table yet (the shard is still initializing): the shard's own numbers stand in.
                rowsCompared += report.getRowsCompared();
                rowsToCompare += report.getTableRows();
                tableStates.merge(shardState, 1, Integer::sum);
                continue;
            }
            for (VDiffTableReport table : report.getTablesList()) {
                tableEntries++;
                rowsCompared += table.getRowsCompared();
                rowsToCompare += table.getTableRows();
                hasMismatch |= table.getMismatchedRows() > 0 || table.getExtraRowsSource() > 0 || table.getExtraRowsTarget() > 0;
                String tableState = table.getState().toLowerCase(Locale.ROOT);
                tableStates.merge(tableState, 1, Integer::sum);
                TableSummary previous = tables.get(table.getTableName());
                tables.put(table.getTableName(), merge(previous, table, tableState));
                reports.computeIfAbsent(table.getTableName(), name -> new TreeMap<>()).put(shard, table);
            }
        }
        String state = state(shardStates, tableStates, tableEntries, tables.size() * shards.size(), shards.size());
        Optional<Progress> progress = state.equals(STARTED) ? Optional.of(progress(rowsCompared, rowsToCompare, startedAt, now)) : Optional.empty();
        boolean detailed = hasMismatch || verbose;
        return new VDiffSummary(workflow, keyspace, state, uuid, rowsCompared, hasMismatch, String.join(",", shards), startedAt,
                state.equals(COMPLETED) ? completedAt : "", detailed ? tables : Map.of(), detailed ? reports : Map.of(), errors, progress);
    }

    private static Optional<VDiffShardReport> reportFor(VDiffResponse response, String uuid) {
        return response.getReportsList().stream().filter(report -> report.getVdiffUuid().equalsIgnoreCase(uuid)).findFirst()
                .or(() -> response.getReportsList().stream().filter(report -> report.getVdiffUuid().isEmpty()).findFirst());
    }

    /** A table's state over shards: error sticks, and completed does not hide a shard that is still working. */
    private static TableSummary merge(TableSummary previous, VDiffTableReport table, String tableState) {
        if (previous == null) {
            return new TableSummary(table.getTableName(), tableState, table.getRowsCompared(), table.getMatchingRows(),
                    table.getMismatchedRows(), table.getExtraRowsSource(), table.getExtraRowsTarget());
        }
        String state = switch (tableState) {
            case COMPLETED -> previous.state();
            case ERROR -> ERROR;
            default -> previous.state().equals(ERROR) ? ERROR : tableState;
        };
        return new TableSummary(previous.tableName(), state, previous.rowsCompared() + table.getRowsCompared(),
                previous.matchingRows() + table.getMatchingRows(), previous.mismatchedRows() + table.getMismatchedRows(),
                previous.extraRowsSource() + table.getExtraRowsSource(), previous.extraRowsTarget() + table.getExtraRowsTarget());
    }

    private static String state(Map<String, Integer> shardStates, Map<String, Integer> tableStates, int tableEntries,
                                int expectedTableEntries, int shardCount) {
        if (shardStates.getOrDefault(STOPPED, 0) > 0) {
            return STOPPED;
        }
        if (shardStates.getOrDefault(ERROR, 0) > 0 || tableStates.getOrDefault(ERROR, 0) > 0) {
            return ERROR;
        }
        if (tableStates.getOrDefault(STARTED, 0) > 0) {
            return STARTED;
        }
        if (tableStates.getOrDefault(PENDING, 0) > 0) {
            return PENDING;
        }
        if (shardCount > 0 && tableStates.getOrDefault(COMPLETED, 0) == tableStates.values().stream().mapToInt(Integer::intValue).sum()
                && tableEntries == expectedTableEntries) {
            // With several sources per target shard each table row is written more than once; only the shard's own
            // state says that every source is done.
            return shardStates.getOrDefault(COMPLETED, 0) == shardCount ? COMPLETED : STARTED;
        }
        return UNKNOWN;
    }

    /** Vitess's progress estimate: percentage of rows compared, and an ETA from the average time per percent so far. */
    static Progress progress(long rowsCompared, long rowsToCompare, String startedAt, Instant now) {
        double percentage = 0;
        if (rowsCompared >= 1) {
            percentage = Math.round(Math.min((double) rowsCompared / rowsToCompare * 100, 100.00) * 100) / 100.0;
        }
        if (Double.isNaN(percentage)) {
            percentage = 0;
        }
        String eta = "";
        if (percentage >= 1) {
            long percentToGo = (long) Math.abs(percentage - 100.00);
            long runSeconds = now.getEpochSecond() - startSeconds(startedAt);
            Instant estimate = Instant.ofEpochSecond(runSeconds / (long) percentage * percentToGo + now.getEpochSecond());
            // Beyond a year the estimate is noise.
            if (estimate.isBefore(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant())) {
                eta = TIMESTAMP.format(estimate.atOffset(ZoneOffset.UTC));
            }
        }
        return new Progress(percentage, eta);
    }

    private static long startSeconds(String startedAt) {
        try {
            return LocalDateTime.parse(startedAt, TIMESTAMP).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    /** The JSON Vitess prints: its {@code summary} struct, with the empty optional parts left out. */
    String json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Workflow", workflow);
        json.put("Keyspace", keyspace);
        json.put("State", state);
        json.put("UUID", uuid);
        json.put("RowsCompared", rowsCompared);
        json.put("HasMismatch", hasMismatch);
        json.put("Shards", shards);
        putIfNotEmpty(json, "StartedAt", startedAt);
        putIfNotEmpty(json, "CompletedAt", completedAt);
        if (!tableSummary.isEmpty()) {
            Map<String, Object> tables = new TreeMap<>();
            tableSummary.forEach((name, table) -> tables.put(name, tableJson(table)));
            json.put("TableSummary", tables);
        }
        if (!reports.isEmpty()) {
            Map<String, Object> byTable = new TreeMap<>();
            reports.forEach((table, byShard) -> {
                Map<String, Object> shardReports = new TreeMap<>();
                byShard.forEach((shard, report) -> shardReports.put(shard, diffReportJson(report)));
                byTable.put(table, shardReports);
            });
            json.put("Reports", byTable);
        }
        if (!errors.isEmpty()) {
            json.put("Errors", new TreeMap<>(errors));
        }
        progress.ifPresent(value -> {
            Map<String, Object> progressJson = new LinkedHashMap<>();
            progressJson.put("Percentage", value.percentage());
            putIfNotEmpty(progressJson, "ETA", value.eta());
            json.put("Progress", progressJson);
        });
        return GoJson.pretty(json);
    }

    private static void putIfNotEmpty(Map<String, Object> json, String key, String value) {
        if (value != null && !value.isEmpty()) {
            json.put(key, value);
        }
    }

    private static Map<String, Object> tableJson(TableSummary table) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("TableName", table.tableName());
        json.put("State", table.state());
        json.put("RowsCompared", table.rowsCompared());
        json.put("MatchingRows", table.matchingRows());
        json.put("MismatchedRows", table.mismatchedRows());
        json.put("ExtraRowsSource", table.extraRowsSource());
        json.put("ExtraRowsTarget", table.extraRowsTarget());
        return json;
    }

    /** Vitess's per-shard {@code DiffReport}; the samples carry the row's columns as {@code {"Row": {col: value}}}. */
    private static Map<String, Object> diffReportJson(VDiffTableReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("TableName", report.getTableName());
        json.put("ProcessedRows", report.getRowsCompared());
        json.put("MatchingRows", report.getMatchingRows());
        json.put("MismatchedRows", report.getMismatchedRows());
        json.put("ExtraRowsSource", report.getExtraRowsSource());
        json.put("ExtraRowsTarget", report.getExtraRowsTarget());
        if (report.getExtraSourceSampleCount() > 0) {
            json.put("ExtraRowsSourceSample", report.getExtraSourceSampleList().stream().map(VDiffSummary::rowDiff).toList());
        }
        if (report.getExtraTargetSampleCount() > 0) {
            json.put("ExtraRowsTargetSample", report.getExtraTargetSampleList().stream().map(VDiffSummary::rowDiff).toList());
        }
        if (report.getMismatchedSampleCount() > 0) {
            // The tablet reports the key of a mismatched row, which is the same on both sides.
            json.put("MismatchedRowsSample", report.getMismatchedSampleList().stream().map(sample -> {
                Map<String, Object> mismatch = new LinkedHashMap<>();
                mismatch.put("source_diff", rowDiff(sample));
                mismatch.put("target_diff", rowDiff(sample));
                return mismatch;
            }).toList());
        }
        return json;
    }

    private static Map<String, Object> rowDiff(String sample) {
        return Map.of("Row", sampleRow(sample));
    }

    /** Parses a tablet's {@code col=value, col=value}; a piece without {@code =} belongs to the previous value. */
    static Map<String, Object> sampleRow(String sample) {
        Map<String, Object> row = new TreeMap<>();
        String column = null;
        for (String piece : sample.split(", ", -1)) {
            int equals = piece.indexOf('=');
            if (equals > 0) {
                column = piece.substring(0, equals);
                row.put(column, piece.substring(equals + 1));
            } else if (column != null) {
                row.put(column, row.get(column) + ", " + piece);
            } else if (!piece.isEmpty()) {
                row.put(piece, "");
            }
        }
        return row;
    }

    /** One line for waiting: {@code VDiff <uuid> on ks.wf: started, 25.00% done, ETA 2024-01-01 10:06:40}. */
    String progressLine() {
        StringBuilder line = new StringBuilder("VDiff ").append(uuid).append(" on ").append(keyspace).append('.').append(workflow)
                .append(": ").append(state);
        progress.ifPresent(value -> {
            line.append(String.format(Locale.ROOT, ", %.2f%% done", value.percentage()));
            if (!value.eta().isEmpty()) {
                line.append(", ETA ").append(value.eta());
            }
        });
        errors.forEach((shard, error) -> line.append(", shard ").append(shard).append(": ").append(error));
        return line.toString();
    }

    /** Vitess's text template, after it squeezes blank lines. */
    String text() {
        StringBuilder text = new StringBuilder();
        text.append("\nVDiff Summary for ").append(keyspace).append('.').append(workflow).append(" (").append(uuid).append(")\n");
        text.append("State:        ").append(state).append('\n');
        if (!errors.isEmpty()) {
            errors.forEach((shard, error) -> text.append("\n              Error: (shard ").append(shard).append(") ").append(error));
            text.append('\n');
        }
        text.append("\nRowsCompared: ").append(rowsCompared).append('\n');
        text.append("HasMismatch:  ").append(hasMismatch).append('\n');
        text.append("StartedAt:    ").append(startedAt).append('\n');
        progress.ifPresent(value -> {
            text.append("Progress:     ").append(String.format(Locale.ROOT, "%.2f", value.percentage())).append('%');
            if (!value.eta().isEmpty()) {
                text.append(", ETA: ").append(value.eta());
            }
        });
        text.append('\n');
        if (!completedAt.isEmpty()) {
            text.append("CompletedAt:  ").append(completedAt);
        }
        text.append('\n');
        for (TableSummary table : tableSummary.values()) {
            text.append(" \nTable ").append(table.tableName()).append(":\n");
            text.append("\tState:            ").append(table.state()).append('\n');
            text.append("\tProcessedRows:    ").append(table.rowsCompared()).append('\n');
            text.append("\tMatchingRows:     ").append(table.matchingRows()).append('\n');
            appendIfNotZero(text, "\tMismatchedRows:   ", table.mismatchedRows());
            appendIfNotZero(text, "\tExtraRowsSource:  ", table.extraRowsSource());
            appendIfNotZero(text, "\tExtraRowsTarget:  ", table.extraRowsTarget());
        }
        text.append("\n \nUse \"--format=json\" for more detailed output.\n");
        String squeezed = text.toString();
        while (squeezed.contains("\n\n")) {
            squeezed = squeezed.replace("\n\n", "\n");
        }
        return squeezed;
    }

    private static void appendIfNotZero(StringBuilder text, String label, long value) {
        if (value != 0) {
            text.append(label).append(value);
        }
        text.append('\n');
    }

    /** {@code show all}: every VDiff of every shard. */
    static List<Listing> listings(String keyspace, String workflow, VDiffShowResponse response) {
        List<Listing> listings = new ArrayList<>();
        new TreeMap<>(response.getTabletResponsesMap()).forEach((shard, shardResponse) -> {
            for (VDiffShardReport report : shardResponse.getReportsList()) {
                listings.add(new Listing(report.getVdiffUuid(), workflow, keyspace, report.getShard().isEmpty() ? shard : report.getShard(),
                        report.getState()));
            }
        });
        return listings;
    }

    static String listingsJson(List<Listing> listings) {
        return GoJson.pretty(listings.stream().map(listing -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("UUID", listing.uuid());
            json.put("Workflow", listing.workflow());
            json.put("Keyspace", listing.keyspace());
            json.put("Shard", listing.shard());
            json.put("State", listing.state());
            return json;
        }).toList());
    }

    /** A grid like the one Vitess draws with gotabulate, header first. */
    static String listingsText(List<Listing> listings) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("UUID", "Workflow", "Keyspace", "Shard", "State"));
        listings.forEach(listing -> rows.add(List.of(listing.uuid(), listing.workflow(), listing.keyspace(), listing.shard(), listing.state())));
        int[] widths = new int[5];
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder border = new StringBuilder("+");
        for (int width : widths) {
            border.append("-".repeat(width + 2)).append('+');
        }
        StringBuilder text = new StringBuilder(border).append('\n');
        for (List<String> row : rows) {
            text.append('|');
            for (int column = 0; column < widths.length; column++) {
                text.append(' ').append(String.format("%-" + widths[column] + "s", row.get(column))).append(" |");
            }
            text.append('\n').append(border).append('\n');
        }
        return text.toString();
    }
}
