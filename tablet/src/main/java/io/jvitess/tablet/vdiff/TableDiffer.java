package io.jvitess.tablet.vdiff;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.tabletmanagerdata.VDiffTableReport;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Compares one table: the source rows of all streams, merge-sorted by primary key, against the target
 * rows, walked like a merge join. Equal keys with differing columns are mismatches, keys only on the
 * source are extra source rows, keys only on the target extra target rows. Counters and sample keys
 * accumulate in a {@link VDiffTableReport} that is handed to {@link Progress} every {@code progressRows}
 * rows together with the last key compared, so a later run can continue after it.
 */
final class TableDiffer {

    /** Receives the report and the last key compared (all rows up to it are counted). */
    @FunctionalInterface
    interface Progress {
        void save(VDiffTableReport report, List<SqlValue> lastKey);
    }

    /** A row reported as extra, kept to be paired again at the end (see {@link KeyOrder}). */
    private record Extra(List<SqlValue> key, List<SqlValue> row, List<String> columns) {
    }

    private final String table;
    private final List<String> primaryKey;
    private final KeyOrder order;
    private final DiffLimits limits;
    private final int progressRows;
    private final Progress progress;
    private final Cancellation cancellation;
    /** Per source column list (one per cursor), the index of each source column in the target row. */
    private final Map<List<String>, int[]> targetIndexes = new IdentityHashMap<>();
    private final List<Extra> extraSource = new ArrayList<>();
    private final List<Extra> extraTarget = new ArrayList<>();

    /**
     * @param onlyPks      compare keys only, never columns
     * @param maxSamples   sample keys reported per kind of difference
     * @param maxExtraRows extra rows per side kept for the final pairing pass
     */
    record DiffLimits(boolean onlyPks, int maxSamples, int maxExtraRows) {
    }

    TableDiffer(String table, List<String> primaryKey, KeyOrder order, DiffLimits limits, int progressRows, Progress progress,
                Cancellation cancellation) {
        this.table = requireNonNull(table, "table is null");
        this.primaryKey = List.copyOf(primaryKey);
        this.order = requireNonNull(order, "order is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.progressRows = Math.max(1, progressRows);
        this.progress = requireNonNull(progress, "progress is null");
        this.cancellation = requireNonNull(cancellation, "cancellation is null");
    }

    /** Runs the merge join to the end of all cursors, continuing the counts of {@code report}. */
    VDiffTableReport diff(List<RowCursor> sources, RowCursor target, VDiffTableReport.Builder report) {
        List<SqlValue> lastKey = null;
        int sinceSave = 0;
        while (true) {
            cancellation.check();
            RowCursor source = smallest(sources);
            List<SqlValue> targetRow = target.head();
            if (source == null && targetRow == null) {
                break;
            }
            List<SqlValue> sourceRow = source == null ? null : source.head();
            List<SqlValue> sourceKey = source == null ? null : source.key(sourceRow);
            List<SqlValue> targetKey = targetRow == null ? null : target.key(targetRow);
            int comparison = source == null ? 1 : targetRow == null ? -1 : order.compare(sourceKey, targetKey);
            if (comparison < 0) {
                report.setExtraRowsSource(report.getExtraRowsSource() + 1);
                if (report.getExtraSourceSampleCount() < limits.maxSamples()) {
                    report.addExtraSourceSample(render(sourceKey));
                }
                keep(extraSource, new Extra(sourceKey, sourceRow, source.columns()));
                lastKey = sourceKey;
                source.advance();
            } else if (comparison > 0) {
                report.setExtraRowsTarget(report.getExtraRowsTarget() + 1);
                if (report.getExtraTargetSampleCount() < limits.maxSamples()) {
                    report.addExtraTargetSample(render(targetKey));
                }
                keep(extraTarget, new Extra(targetKey, targetRow, target.columns()));
                lastKey = targetKey;
                target.advance();
            } else {
                countPair(report, sourceKey, sameColumns(source.columns(), sourceRow, target.columns(), targetRow));
                lastKey = sourceKey;
                source.advance();
                target.advance();
            }
            report.setRowsCompared(report.getRowsCompared() + 1);
            if (++sinceSave >= progressRows) {
                progress.save(report.build(), lastKey);
                sinceSave = 0;
            }
        }
        pairExtras(report);
        VDiffTableReport done = report.build();
        if (lastKey != null) {
            progress.save(done, lastKey);
        }
        return done;
    }

    private RowCursor smallest(List<RowCursor> sources) {
        RowCursor smallest = null;
        for (RowCursor cursor : sources) {
            List<SqlValue> row = cursor.head();
            if (row != null && (smallest == null || order.compare(cursor.key(row), smallest.key(smallest.head())) < 0)) {
                smallest = cursor;
            }
        }
        return smallest;
    }

    private void keep(List<Extra> extras, Extra extra) {
        if (extras.size() < limits.maxExtraRows()) {
            extras.add(extra);
        }
    }

    private void countPair(VDiffTableReport.Builder report, List<SqlValue> key, boolean same) {
        if (same) {
            report.setMatchingRows(report.getMatchingRows() + 1);
        } else {
            report.setMismatchedRows(report.getMismatchedRows() + 1);
            if (report.getMismatchedSampleCount() < limits.maxSamples()) {
                report.addMismatchedSample(render(key));
            }
        }
    }

    /**
     * Rows that came out extra on both sides with equal keys were passed by the merge because the key
     * order only approximates the collation: compare them as the pair they are.
     */
    private void pairExtras(VDiffTableReport.Builder report) {
        for (Extra source : extraSource) {
            for (int index = 0; index < extraTarget.size(); index++) {
                Extra target = extraTarget.get(index);
                if (order.compare(source.key(), target.key()) != 0) {
                    continue;
                }
                extraTarget.remove(index);
                report.setExtraRowsSource(report.getExtraRowsSource() - 1);
                report.setExtraRowsTarget(report.getExtraRowsTarget() - 1);
                report.setRowsCompared(report.getRowsCompared() - 1);
                List<String> sourceSamples = new ArrayList<>(report.getExtraSourceSampleList());
                sourceSamples.remove(render(source.key()));
                report.clearExtraSourceSample().addAllExtraSourceSample(sourceSamples);
                List<String> targetSamples = new ArrayList<>(report.getExtraTargetSampleList());
                targetSamples.remove(render(target.key()));
                report.clearExtraTargetSample().addAllExtraTargetSample(targetSamples);
                countPair(report, source.key(), sameColumns(source.columns(), source.row(), target.columns(), target.row()));
                break;
            }
        }
    }

    private boolean sameColumns(List<String> sourceColumns, List<SqlValue> sourceRow, List<String> targetColumns,
                                List<SqlValue> targetRow) {
        if (limits.onlyPks()) {
            return true;
        }
        int[] mapping = targetIndexes.computeIfAbsent(sourceColumns, columns -> mapping(columns, targetColumns));
        for (int index = 0; index < mapping.length; index++) {
            if (!sourceRow.get(index).equals(targetRow.get(mapping[index]))) {
                return false;
            }
        }
        return true;
    }

    private int[] mapping(List<String> sourceColumns, List<String> targetColumns) {
        int[] mapping = new int[sourceColumns.size()];
        for (int index = 0; index < mapping.length; index++) {
            mapping[index] = targetColumns.indexOf(sourceColumns.get(index));
            if (mapping[index] < 0) {
                throw VtException.of(VtCode.FAILED_PRECONDITION, "column %s of table %s is missing on the target",
                        sourceColumns.get(index), table);
            }
        }
        return mapping;
    }

    /** A key as Vitess prints it in reports: {@code col=value, col=value}. */
    private String render(List<SqlValue> key) {
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < key.size(); index++) {
            if (index > 0) {
                text.append(", ");
            }
            SqlValue value = key.get(index);
            text.append(primaryKey.get(index)).append('=').append(value.isNull() ? "NULL" : value.text());
        }
        return text.toString();
    }
}
