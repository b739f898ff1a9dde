package io.jvitess.ctld.workflow;

import io.jvitess.proto.binlogdata.BinlogSource;

import static java.util.Objects.requireNonNull;

/** One row of a target primary's {@code _vt.vreplication}: a stream copying from one source shard. */
public record StreamRow(ShardPrimary target, int id, String workflow, BinlogSource source, String position, String stopPosition,
                        String state, String message, long rowsCopied, long timeUpdated, long transactionTimestamp,
                        int workflowType, int workflowSubType, boolean deferSecondaryKeys) {

    public static final String FROZEN = "FROZEN";

    public StreamRow {
        requireNonNull(target, "target is null");
        requireNonNull(workflow, "workflow is null");
        requireNonNull(source, "source is null");
        requireNonNull(position, "position is null");
        requireNonNull(stopPosition, "stopPosition is null");
        requireNonNull(state, "state is null");
        requireNonNull(message, "message is null");
    }

    public boolean frozen() {
        return message.equals(FROZEN);
    }
}
