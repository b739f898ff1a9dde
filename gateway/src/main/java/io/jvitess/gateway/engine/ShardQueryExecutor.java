package io.jvitess.gateway.engine;

import java.util.List;

/**
 * Runs statements on shards for the session a plan executes in: inside the session's
 * transaction when it has one (or when autocommit is off), otherwise each on its own.
 */
public interface ShardQueryExecutor {

    /**
     * Runs every query (in parallel when there are several) and returns the results in the
     * order of {@code queries}. The first failure is thrown after all have finished.
     *
     * @param outsideTransaction run in autocommit even if the session has a transaction open
     *                           (sequence reservations, autocommit lookup writes)
     */
    List<ResultSet> execute(List<ShardQuery> queries, boolean outsideTransaction);
}
