package io.jvitess.tablet.vdiff;

import io.jvitess.tablet.vstreamer.RowStreamer;
import io.jvitess.tablet.vstreamer.TablePlan;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The snapshots one table is compared in: per source stream a snapshot at GTID S_i with the stream's
 * filter for the table, and a target snapshot taken when every stream had applied exactly its S_i.
 */
record DiffSnapshot(List<Source> sources, RowStreamer target) implements AutoCloseable {

    /** One stream's source snapshot and the plan (filter) its rule gives the table. */
    record Source(WorkflowStream stream, TablePlan plan, RowStreamer snapshot) {
        Source {
            requireNonNull(stream, "stream is null");
            requireNonNull(plan, "plan is null");
            requireNonNull(snapshot, "snapshot is null");
        }
    }

    DiffSnapshot {
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
        requireNonNull(target, "target is null");
    }

    @Override
    public void close() {
        sources.forEach(source -> source.snapshot().close());
        target.close();
    }
}
