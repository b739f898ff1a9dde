package io.jvitess.tablet.vreplication;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Engine tuning.
 *
 * @param copyBatchRows       rows read per copy chunk; each chunk commits with its copy_state update
 * @param retryDelay          wait before a failed stream is retried
 * @param copyRoundDuration   how long one snapshot is used before catching up on the binlog again
 *                            (Vitess's vreplication-copy-phase-duration)
 * @param sourceUser          the account used on source mysqlds (binlog dump and snapshot reads)
 */
public record VReplicationConfig(int copyBatchRows, Duration retryDelay, Duration copyRoundDuration, String sourceUser) {

    public VReplicationConfig {
        if (copyBatchRows < 1) {
            throw new IllegalArgumentException("copyBatchRows must be positive: " + copyBatchRows);
        }
        requireNonNull(retryDelay, "retryDelay is null");
        requireNonNull(copyRoundDuration, "copyRoundDuration is null");
        requireNonNull(sourceUser, "sourceUser is null");
    }

    public static VReplicationConfig defaults() {
        return new VReplicationConfig(2000, Duration.ofSeconds(5), Duration.ofHours(1), "vt_dba");
    }

    public VReplicationConfig withCopyBatchRows(int rows) {
        return new VReplicationConfig(rows, retryDelay, copyRoundDuration, sourceUser);
    }

    public VReplicationConfig withRetryDelay(Duration delay) {
        return new VReplicationConfig(copyBatchRows, delay, copyRoundDuration, sourceUser);
    }
}
