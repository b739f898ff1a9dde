package io.jvitess.tablet.vstreamer;

import io.jvitess.tablet.replication.GtidPosition;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One committed source transaction after filtering: its row changes (possibly none, e.g. for DDL or
 * for writes to tables the rules skip), the position just after it and its commit time in unix seconds.
 */
public record BinlogTransaction(List<RowChange> changes, GtidPosition position, long timestampSeconds) {

    public BinlogTransaction {
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        requireNonNull(position, "position is null");
    }
}
