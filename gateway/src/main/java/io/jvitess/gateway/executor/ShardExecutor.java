package io.jvitess.gateway.executor;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.gateway.tabletgateway.TabletGateway;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs a statement on one shard with the session's transaction semantics: autocommit statements
 * go straight to a tablet; inside a transaction the first statement on a shard opens the tablet
 * transaction (BeginExecute) and later ones reuse it. Commit goes shard by shard (Vitess's
 * {@code multi} mode).
 */
final class ShardExecutor {

    private static final Logger log = LoggerFactory.getLogger(ShardExecutor.class);

    private final TabletGateway gateway;

    ShardExecutor(TabletGateway gateway) {
        this.gateway = requireNonNull(gateway, "gateway is null");
    }

    /** Runs outside any transaction (sequence reservations, autocommit lookup writes). */
    QueryResult runAutocommit(Session session, Target target, String sql) {
        return tracked(session, sql, () -> gateway.execute(target, sql, session.user()));
    }

    QueryResult run(Session session, Target target, String sql) {
        return tracked(session, sql, () -> runInSession(session, target, sql));
    }

    /** Notes in the session's current attempt whether the call may have changed data (see {@link StatementAttempt}). */
    private static QueryResult tracked(Session session, String sql, Supplier<QueryResult> call) {
        StatementAttempt attempt = session.attempt();
        QueryResult result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            attempt.record(sql, e);
            throw e;
        }
        attempt.record(sql, null);
        return result;
    }

    private QueryResult runInSession(Session session, Target target, String sql) {
        if (!session.inTransaction() && session.autocommit()) {
            return gateway.execute(target, sql, session.user());
        }
        session.setInTransaction(true);
        String key = TabletGateway.describe(target);
        Optional<ShardSession> existing = session.shardSession(key);
        if (existing.isPresent()) {
            ShardSession shard = existing.get();
            return gateway.executeInTransaction(shard.target(), shard.tabletAlias(), shard.transactionId(), sql, session.user());
        }
        List<String> open = session.shardSessionKeys();
        if (session.transactionMode() == TransactionMode.SINGLE && !open.isEmpty()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "multi-db transaction attempted: %s, open in %s", key, String.join(", ", open));
        }
        TabletGateway.BeginResult begun = gateway.beginExecute(target, sql, session.user());
        session.addShardSession(key, new ShardSession(begun.target(), begun.tabletAlias(), begun.transactionId()));
        return begun.result();
    }

    void commit(Session session) {
        List<ShardSession> open = session.endTransaction();
        for (int index = 0; index < open.size(); index++) {
            ShardSession shard = open.get(index);
            try {
                gateway.commit(shard.target(), shard.tabletAlias(), shard.transactionId());
            } catch (VtException e) {
                rollbackQuietly(open.subList(index + 1, open.size()));
                throw e;
            }
        }
    }

    void rollback(Session session) {
        rollbackQuietly(session.endTransaction());
    }

    private void rollbackQuietly(List<ShardSession> shards) {
        for (ShardSession shard : shards) {
            try {
                gateway.rollback(shard.target(), shard.tabletAlias(), shard.transactionId());
            } catch (VtException e) {
                log.debug("rollback of {} on {} failed: {}", shard.transactionId(), TabletGateway.describe(shard.target()), e.getMessage());
            }
        }
    }
}
