package io.jvitess.tablet.replication;

import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** A replica's view of its replication stream, read from SHOW SLAVE/REPLICA STATUS. */
public record ReplicationStatus(
        String sourceHost,
        int sourcePort,
        boolean ioRunning,
        boolean sqlRunning,
        OptionalLong lagSeconds,
        String lastError,
        String position) {

    public ReplicationStatus {
        requireNonNull(sourceHost, "sourceHost is null");
        requireNonNull(lagSeconds, "lagSeconds is null");
        requireNonNull(lastError, "lastError is null");
        requireNonNull(position, "position is null");
    }

    public boolean healthy() {
        return ioRunning && sqlRunning;
    }

    public boolean replicatesFrom(String host, int port) {
        return sourceHost.equals(host) && sourcePort == port;
    }
}
