package io.jvitess.gateway.healthcheck;

import io.jvitess.proto.query.RealtimeStats;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.topodata.Tablet;

import static java.util.Objects.requireNonNull;

/**
 * What vtgate last heard from one tablet: its topo record, the target its health stream reports,
 * and whether it may take queries. {@code connected} is false while the stream is down.
 */
public record TabletHealth(
        Tablet tablet,
        Target target,
        boolean serving,
        boolean connected,
        long primaryTermStartSeconds,
        RealtimeStats stats,
        String lastError) {

    public TabletHealth {
        requireNonNull(tablet, "tablet is null");
        requireNonNull(target, "target is null");
        requireNonNull(stats, "stats is null");
        requireNonNull(lastError, "lastError is null");
    }

    /** Eligible for queries: stream up, serving, no health error. */
    public boolean healthy() {
        return connected && serving && stats.getHealthError().isEmpty();
    }

    /** Shown as SERVING in {@code show vitess_tablets}. */
    public boolean servingState() {
        return connected && serving;
    }
}
