package io.jvitess.gateway.executor;

import io.jvitess.gateway.engine.ResultSet;
import io.jvitess.gateway.engine.ShardQuery;
import io.jvitess.gateway.engine.ShardQueryExecutor;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.topodata.TabletType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.Objects.requireNonNull;

/**
 * Runs a statement's shard queries for one session: in the session's transaction when it has
 * one, in parallel on virtual threads when there are several. A transaction in SINGLE mode
 * runs them one by one, so that a second shard is refused before anything runs there.
 */
final class SessionShardQueries implements ShardQueryExecutor {

    private final ShardExecutor shardExecutor;
    private final Session session;
    private final TabletType tabletType;

    SessionShardQueries(ShardExecutor shardExecutor, Session session, TabletType tabletType) {
        this.shardExecutor = requireNonNull(shardExecutor, "shardExecutor is null");
        this.session = requireNonNull(session, "session is null");
        this.tabletType = requireNonNull(tabletType, "tabletType is null");
    }

    @Override
    public List<ResultSet> execute(List<ShardQuery> queries, boolean outsideTransaction) {
        boolean sequential = queries.size() == 1
                || !outsideTransaction && session.transactionMode() == TransactionMode.SINGLE && (session.inTransaction() || !session.autocommit());
        if (sequential) {
            List<ResultSet> results = new ArrayList<>(queries.size());
            for (ShardQuery query : queries) {
                results.add(run(query, outsideTransaction));
            }
            return results;
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ResultSet>> futures = new ArrayList<>(queries.size());
            for (ShardQuery query : queries) {
                futures.add(threads.submit(() -> run(query, outsideTransaction)));
            }
            List<ResultSet> results = new ArrayList<>(queries.size());
            RuntimeException failure = null;
            for (Future<ResultSet> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for shard queries", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        }
    }

    private ResultSet run(ShardQuery query, boolean outsideTransaction) {
        Target target = Target.newBuilder().setKeyspace(query.keyspace()).setShard(query.shard()).setTabletType(tabletType).build();
        QueryResult result = outsideTransaction
                ? shardExecutor.runAutocommit(session, target.toBuilder().setTabletType(TabletType.PRIMARY).build(), query.sql())
                : shardExecutor.run(session, target, query.sql());
        return ResultSet.fromProto(result);
    }

}
