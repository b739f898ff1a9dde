package io.jvitess.tablet.vdiff;

import io.jvitess.tablet.vreplication.BinlogSource;
import io.jvitess.tablet.vreplication.VReplicationState;

import static java.util.Objects.requireNonNull;

/** One {@code _vt.vreplication} row of the workflow being diffed, as it was before the vdiff touched it. */
record WorkflowStream(int id, VReplicationState state, String message, String position, BinlogSource source) {

    WorkflowStream {
        requireNonNull(state, "state is null");
        requireNonNull(message, "message is null");
        requireNonNull(position, "position is null");
        requireNonNull(source, "source is null");
    }
}
