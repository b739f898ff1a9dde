package io.jvitess.gateway.executor;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.gateway.srvtopo.ServingGraph;
import io.jvitess.gateway.tabletgateway.TabletGateway;
import io.jvitess.sql.parser.ParsedStatement;
import io.jvitess.sql.parser.SqlParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Runs a statement again, planned afresh, when traffic moved under it (MoveTables or Reshard
 * SwitchTraffic), so that the client sees a pause instead of an error:
 * <ul>
 *   <li>the tablet refused it with FAILED_PRECONDITION {@value #DENIED_TABLES} (MoveTables stopped
 *       writes on the source; the routing rules will point to the target shortly);</li>
 *   <li>the gateway gave up buffering it with {@link TabletGateway.ShardMissingException} (Reshard
 *       moved the shard's traffic to new shards).</li>
 * </ul>
 * Before each new attempt the serving graph is re-read, so new routing rules and partitions are
 * planned with. A statement is retried only while nothing of it was applied: it must not be inside
 * a transaction already open on a tablet, and every shard call of the failed attempt must have been
 * refused before running. With buffering on, attempts go on for up to the buffer window; without,
 * {@value #RETRIES_WITHOUT_BUFFERING} times (Vitess's MaxBufferingRetries).
 */
final class TrafficSwitch {

    /** What vttablet answers for a query on a table its shard's tablet control denies. */
    static final String DENIED_TABLES = "disallowed due to rule: enforce denied tables";
    static final int RETRIES_WITHOUT_BUFFERING = 3;

    private static final Logger log = LoggerFactory.getLogger(TrafficSwitch.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(20);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(400);

    private final ServingGraph servingGraph;
    private final Duration bufferWindow;

    TrafficSwitch(ServingGraph servingGraph, Duration bufferWindow) {
        this.servingGraph = requireNonNull(servingGraph, "servingGraph is null");
        this.bufferWindow = requireNonNull(bufferWindow, "bufferWindow is null");
    }

    /** A refusal that means the statement's tables or shard moved: plan it again. */
    static boolean isTrafficSwitch(VtException error) {
        return isDeniedTables(error) || error instanceof TabletGateway.ShardMissingException;
    }

    /** Refusals a tablet or the gateway give before a statement runs: nothing of it was applied. */
    static boolean refusedBeforeRunning(VtException error) {
        return isTrafficSwitch(error)
                || error.code() == VtCode.CLUSTER_EVENT
                || error.code() == VtCode.UNAVAILABLE && error.getMessage().contains("no healthy tablet available");
    }

    private static boolean isDeniedTables(VtException error) {
        return error.code() == VtCode.FAILED_PRECONDITION && error.getMessage().contains(DENIED_TABLES);
    }

    /**
     * Runs {@code execution} on {@code statement}, and on a fresh parse of it after each traffic-switch refusal
     * (planning rewrites the AST, so a parsed statement is used once).
     */
    <T> T run(Session session, ParsedStatement statement, Function<ParsedStatement, T> execution) {
        boolean outsideTransaction = !session.hasShardSessions();
        boolean buffering = !bufferWindow.isZero();
        long deadline = System.nanoTime() + bufferWindow.toNanos();
        Duration backoff = FIRST_BACKOFF;
        ParsedStatement current = statement;
        for (int retries = 0; ; retries++) {
            StatementAttempt attempt = session.startAttempt();
            try {
                return execution.apply(current);
            } catch (VtException refusal) {
                boolean withinBudget = buffering
                        ? System.nanoTime() + backoff.toNanos() < deadline
                        : retries < RETRIES_WITHOUT_BUFFERING;
                if (!outsideTransaction || !isTrafficSwitch(refusal) || attempt.applied() || session.hasShardSessions()
                        || !withinBudget) {
                    throw refusal;
                }
                if (retries == 0) {
                    log.info("traffic moved under a statement ({}): planning it again against the current serving graph", refusal.getMessage());
                }
                pause(backoff, refusal);
                // Whatever this attempt planned with is now older than the pause; what other waiting statements read
                // since is kept, so many of them re-read the topo about once per pause, not once each.
                servingGraph.invalidateOlderThan(backoff.dividedBy(2));
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                current = SqlParser.parse(statement.sql());
            }
        }
    }

    private static void pause(Duration backoff, VtException refusal) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refusal;
        }
    }
}
