package io.jvitess.tablet.vdiff;

import io.jvitess.proto.tabletmanagerdata.VDiffOptions;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One {@code _vt.vdiff} row. {@code streamStates} is set while the vdiff holds the workflow's streams
 * (stopped or running to a stop position) and says how to put them back.
 */
record VDiffRecord(long id, String uuid, String keyspace, String workflow, String shard, VDiffState state, VDiffOptions options,
                   Optional<Instant> startedAt, Optional<Instant> completedAt, String lastError, Optional<String> streamStates) {

    VDiffRecord {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(workflow, "workflow is null");
        requireNonNull(shard, "shard is null");
        requireNonNull(state, "state is null");
        requireNonNull(options, "options is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(completedAt, "completedAt is null");
        requireNonNull(lastError, "lastError is null");
        requireNonNull(streamStates, "streamStates is null");
    }
}
