package io.jvitess.tablet.vdiff;

import io.jvitess.proto.tabletmanagerdata.VDiffTableReport;
import io.jvitess.tablet.vreplication.LastPk;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One {@code _vt.vdiff_table} row: a table's state, resume point and report so far. */
record TableRecord(String table, VDiffState state, Optional<LastPk> lastPk, long tableRows, long rowsCompared, boolean mismatch,
                   VDiffTableReport report) {

    TableRecord {
        requireNonNull(table, "table is null");
        requireNonNull(state, "state is null");
        requireNonNull(lastPk, "lastPk is null");
        requireNonNull(report, "report is null");
    }
}
