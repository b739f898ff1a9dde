package io.jvitess.gateway.executor;

import io.jvitess.proto.query.Target;
import io.jvitess.proto.topodata.TabletAlias;

import static java.util.Objects.requireNonNull;

/** A transaction a session holds open on one tablet. */
public record ShardSession(Target target, TabletAlias tabletAlias, long transactionId) {

    public ShardSession {
        requireNonNull(target, "target is null");
        requireNonNull(tabletAlias, "tabletAlias is null");
    }
}
