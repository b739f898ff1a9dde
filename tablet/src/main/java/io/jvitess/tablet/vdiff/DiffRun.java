package io.jvitess.tablet.vdiff;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.tabletmanagerdata.VDiffOptions;
import io.jvitess.proto.tabletmanagerdata.VDiffTableReport;
import io.jvitess.tablet.vreplication.LastPk;
import io.jvitess.tablet.vstreamer.TablePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One execution of a vdiff: its tables in name order, each in fresh consistent snapshots, continuing
 * after the table's persisted lastpk (so a stopped or interrupted vdiff resumes where its last progress
 * save was). Tables already completed are skipped.
 */
final class DiffRun {

    private static final Logger log = LoggerFactory.getLogger(DiffRun.class);

    private final VDiffRecord vdiff;
    private final VDiffStore store;
    private final StreamSynchronizer synchronizer;
    private final int chunkRows;
    private final Cancellation cancellation;

    DiffRun(VDiffRecord vdiff, VDiffStore store, StreamSynchronizer synchronizer, int chunkRows, Cancellation cancellation) {
        this.vdiff = requireNonNull(vdiff, "vdiff is null");
        this.store = requireNonNull(store, "store is null");
        this.synchronizer = requireNonNull(synchronizer, "synchronizer is null");
        this.chunkRows = chunkRows;
        this.cancellation = requireNonNull(cancellation, "cancellation is null");
    }

    void run() {
        if (!store.transition(vdiff.id(), Set.of(VDiffState.PENDING, VDiffState.STARTED), VDiffState.STARTED, null)) {
            return;
        }
        store.log(vdiff.id(), "State changed to: started");
        for (TableRecord table : store.tables(vdiff.id())) {
            if (table.state() == VDiffState.COMPLETED) {
                continue;
            }
            cancellation.check();
            try {
                diff(table);
            } catch (Cancellation.CancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                store.setTableState(vdiff.id(), table.table(), VDiffState.ERROR);
                throw e;
            }
        }
        if (store.transition(vdiff.id(), Set.of(VDiffState.STARTED), VDiffState.COMPLETED, null)) {
            store.log(vdiff.id(), "State changed to: completed");
        }
    }

    private void diff(TableRecord table) {
        String name = table.table();
        store.setTableState(vdiff.id(), name, VDiffState.STARTED);
        store.setTableRows(vdiff.id(), name, store.tableRows(name));
        List<String> primaryKey = store.primaryKey(name);
        KeyOrder order = store.keyOrder(name, primaryKey);
        Optional<List<SqlValue>> after = table.lastPk().map(LastPk::values);
        VDiffOptions options = vdiff.options();
        TableDiffer differ = new TableDiffer(name, primaryKey, order,
                new TableDiffer.DiffLimits(options.getOnlyPks(), (int) options.getMaxReportSampleRows(),
                        (int) options.getMaxExtraRowsToCompare()),
                chunkRows, (report, lastKey) -> store.saveProgress(vdiff.id(), name, report, new LastPk(primaryKey, lastKey)),
                cancellation);
        VDiffTableReport result;
        try (DiffSnapshot snapshot = synchronizer.snapshot(vdiff, name, cancellation)) {
            List<RowCursor> sources = snapshot.sources().stream()
                    .map(source -> new RowCursor(source.snapshot(), source.plan(), primaryKey, after, chunkRows))
                    .toList();
            RowCursor target = new RowCursor(snapshot.target(), new TablePlan(name, Optional.empty()), primaryKey, after, chunkRows);
            result = differ.diff(sources, target, table.report().toBuilder().setTableName(name).setRowsCompared(table.rowsCompared()));
        }
        store.setTableState(vdiff.id(), name, VDiffState.COMPLETED);
        log.info("vdiff {} table {}: {} rows compared, {} matching, {} mismatched, {} extra on source, {} extra on target", vdiff.uuid(),
                name, result.getRowsCompared(), result.getMatchingRows(), result.getMismatchedRows(), result.getExtraRowsSource(),
                result.getExtraRowsTarget());
    }
}
