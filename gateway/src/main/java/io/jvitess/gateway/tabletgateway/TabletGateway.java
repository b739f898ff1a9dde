package io.jvitess.gateway.tabletgateway;

import io.grpc.StatusRuntimeException;
import io.jvitess.common.errors.GrpcErrors;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletTypes;
import io.jvitess.gateway.healthcheck.HealthCheck;
import io.jvitess.gateway.healthcheck.TabletHealth;
import io.jvitess.gateway.srvtopo.ServingGraph;
import io.jvitess.proto.query.BeginExecuteRequest;
import io.jvitess.proto.query.BeginExecuteResponse;
import io.jvitess.proto.query.BoundQuery;
import io.jvitess.proto.query.CommitRequest;
import io.jvitess.proto.query.ExecuteRequest;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.RollbackRequest;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.query.VTGateCallerID;
import io.jvitess.proto.queryservice.QueryGrpc;
import io.jvitess.proto.topodata.TabletAlias;
import io.jvitess.proto.topodata.TabletType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Sends queries to one tablet of a target (keyspace, shard, type), chosen among the healthy ones.
 * The primary is the one with the newest primary term; replicas are picked at random among those
 * with acceptable lag. Errors come back worded as in Vitess: {@code target: ks.shard.type: ...}.
 */
public final class TabletGateway {

    private static final long LOW_REPLICATION_LAG_SECONDS = 30;
    private static final Duration TRANSACTION_CALL_TIMEOUT = Duration.ofSeconds(30);

    /** A statement that opened a transaction: its result and where the transaction lives. */
    public record BeginResult(QueryResult result, long transactionId, TabletAlias tabletAlias, Target target) {
    }

    /**
     * A buffered request's shard left the serving graph for its tablet type (Reshard switched writes to the new
     * shards): the statement never ran and must be planned again against the new shards. Vitess's
     * {@code ShardMissingError}.
     */
    public static final class ShardMissingException extends VtException {

        public static final String MESSAGE = "destination shard is missing after a resharding operation";

        public ShardMissingException(Target target, VtException refusal) {
            super(VtCode.UNAVAILABLE, SqlState.forCode(VtCode.UNAVAILABLE),
                    "target: " + describe(target) + ": " + MESSAGE, refusal);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TabletGateway.class);
    /** Buffered requests look this often for a serving primary (an in-memory health check read). */
    private static final Duration BUFFER_POLL_INTERVAL = Duration.ofMillis(20);
    /**
     * How stale the serving graph may be when a buffered request checks whether its shard still serves: at most
     * one topo read per this interval however many requests wait, and a reshard's switch is seen this soon.
     */
    private static final Duration SERVING_GRAPH_MAX_AGE = Duration.ofMillis(40);

    private final HealthCheck healthCheck;
    private final boolean replicaFallbackToPrimary;
    private final Duration bufferWindow;
    private final Optional<ServingGraph> servingGraph;

    public TabletGateway(HealthCheck healthCheck, boolean replicaFallbackToPrimary, Duration bufferWindow) {
        this(healthCheck, replicaFallbackToPrimary, bufferWindow, Optional.empty());
    }

    private TabletGateway(HealthCheck healthCheck, boolean replicaFallbackToPrimary, Duration bufferWindow, Optional<ServingGraph> servingGraph) {
        this.healthCheck = requireNonNull(healthCheck, "healthCheck is null");
        this.replicaFallbackToPrimary = replicaFallbackToPrimary;
        this.bufferWindow = requireNonNull(bufferWindow, "bufferWindow is null");
        this.servingGraph = requireNonNull(servingGraph, "servingGraph is null");
    }

    /**
     * The same gateway, whose buffered requests also stop waiting when their shard leaves {@code graph} for their
     * tablet type, with a {@link ShardMissingException} for the caller to plan the statement again.
     */
    public TabletGateway withServingGraph(ServingGraph graph) {
        return new TabletGateway(healthCheck, replicaFallbackToPrimary, bufferWindow, Optional.of(graph));
    }

    /** How long a primary-bound request may wait for a serving primary; zero when buffering is off. */
    public Duration bufferWindow() {
        return bufferWindow;
    }

    public QueryResult execute(Target target, String sql, String user) {
        return buffered(target, tablet -> {
            Target resolved = tablet.target();
            try {
                return stub(tablet.tablet().getAlias(), resolved).execute(ExecuteRequest.newBuilder()
                                .setTarget(resolved)
                                .setImmediateCallerId(caller(user))
                                .setQuery(BoundQuery.newBuilder().setSql(sql))
                                .build())
                        .getResult();
            } catch (StatusRuntimeException e) {
                throw fromTablet(resolved, e);
            }
        });
    }

    /**
     * Runs a call on the target's tablet; for a primary with buffering on, waits out a missing or
     * NOT_SERVING primary (a reparent, a restart, a traffic switch) for up to the buffer window and
     * retries on whichever primary serves then. Only refusals that happen before a statement runs are
     * retried (no healthy tablet, CLUSTER_EVENT), so nothing is applied twice. If the shard meanwhile left
     * the serving graph (a reshard's switch), waiting is pointless: {@link ShardMissingException}.
     */
    private <T> T buffered(Target target, Function<TabletHealth, T> call) {
        boolean buffering = !bufferWindow.isZero() && target.getTabletType() == TabletType.PRIMARY;
        Instant deadline = Instant.now().plus(bufferWindow);
        Instant started = null;
        while (true) {
            VtException refusal;
            try {
                T result = call.apply(pick(target));
                if (started != null) {
                    log.info("buffered request for {} resumed after {} ms", describe(target), Duration.between(started, Instant.now()).toMillis());
                }
                return result;
            } catch (VtException e) {
                refusal = e;
            }
            boolean retryable = refusal.code() == VtCode.CLUSTER_EVENT
                    || refusal.code() == VtCode.UNAVAILABLE && refusal.getMessage().contains("no healthy tablet available");
            if (!buffering || !retryable) {
                throw refusal;
            }
            if (shardMovedAway(target)) {
                log.info("request for {} stops buffering: the shard no longer serves {} traffic", describe(target),
                        TabletTypes.lowerName(target.getTabletType()));
                throw new ShardMissingException(target, refusal);
            }
            if (Instant.now().isAfter(deadline)) {
                throw refusal;
            }
            if (started == null) {
                started = Instant.now();
                log.info("buffering requests for {}: {}", describe(target), refusal.getMessage());
            }
            try {
                Thread.sleep(BUFFER_POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refusal;
            }
        }
    }

    private boolean shardMovedAway(Target target) {
        if (servingGraph.isEmpty()) {
            return false;
        }
        servingGraph.get().invalidateOlderThan(SERVING_GRAPH_MAX_AGE);
        return servingGraph.get().shardMovedAway(target.getKeyspace(), target.getShard(), target.getTabletType());
    }

    /** Runs a statement inside a transaction already open on {@code alias}. */
    public QueryResult executeInTransaction(Target target, TabletAlias alias, long transactionId, String sql, String user) {
        try {
            return stub(alias, target).execute(ExecuteRequest.newBuilder()
                            .setTarget(target)
                            .setImmediateCallerId(caller(user))
                            .setTransactionId(transactionId)
                            .setQuery(BoundQuery.newBuilder().setSql(sql))
                            .build())
                    .getResult();
        } catch (StatusRuntimeException e) {
            throw fromTablet(target, e);
        }
    }

    public BeginResult beginExecute(Target target, String sql, String user) {
        return buffered(target, tablet -> {
            Target resolved = tablet.target();
            try {
                BeginExecuteResponse response = stub(tablet.tablet().getAlias(), resolved).beginExecute(BeginExecuteRequest.newBuilder()
                        .setTarget(resolved)
                        .setImmediateCallerId(caller(user))
                        .setQuery(BoundQuery.newBuilder().setSql(sql))
                        .build());
                return new BeginResult(response.getResult(), response.getTransactionId(), response.getTabletAlias(), resolved);
            } catch (StatusRuntimeException e) {
                throw fromTablet(resolved, e);
            }
        });
    }

    public void commit(Target target, TabletAlias alias, long transactionId) {
        try {
            stub(alias, target).withDeadlineAfter(TRANSACTION_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .commit(CommitRequest.newBuilder().setTarget(target).setTransactionId(transactionId).build());
        } catch (StatusRuntimeException e) {
            throw fromTablet(target, e);
        }
    }

    public void rollback(Target target, TabletAlias alias, long transactionId) {
        try {
            stub(alias, target).withDeadlineAfter(TRANSACTION_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .rollback(RollbackRequest.newBuilder().setTarget(target).setTransactionId(transactionId).build());
        } catch (StatusRuntimeException e) {
            throw fromTablet(target, e);
        }
    }

    /**
     * The tablet to use for a target. With no healthy replica, replica reads go to the primary
     * (fresher data, never staler), so losing the only replica does not fail reads.
     */
    public TabletHealth pick(Target target) {
        List<TabletHealth> candidates = healthCheck.healthy(target.getKeyspace(), target.getShard(), target.getTabletType());
        if (candidates.isEmpty() && replicaFallbackToPrimary && target.getTabletType() == TabletType.REPLICA) {
            candidates = healthCheck.healthy(target.getKeyspace(), target.getShard(), TabletType.PRIMARY);
        }
        if (candidates.isEmpty()) {
            throw VtException.of(VtCode.UNAVAILABLE, "target: %s: no healthy tablet available for 'keyspace:\"%s\" shard:\"%s\" tablet_type:%s'",
                    describe(target), target.getKeyspace(), target.getShard(), target.getTabletType());
        }
        if (candidates.getFirst().target().getTabletType() == TabletType.PRIMARY) {
            return candidates.stream().max(Comparator.comparingLong(TabletHealth::primaryTermStartSeconds)).orElseThrow();
        }
        List<TabletHealth> lowLag = candidates.stream()
                .filter(health -> health.stats().getReplicationLagSeconds() <= LOW_REPLICATION_LAG_SECONDS)
                .toList();
        List<TabletHealth> pool = lowLag.isEmpty() ? candidates : lowLag;
        return pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
    }

    private QueryGrpc.QueryBlockingStub stub(TabletAlias alias, Target target) {
        QueryGrpc.QueryBlockingStub stub = healthCheck.stub(alias);
        if (stub == null) {
            throw VtException.of(VtCode.UNAVAILABLE, "target: %s: tablet %s is no longer known", describe(target),
                    io.jvitess.common.topoproto.TabletAliases.format(alias));
        }
        return stub;
    }

    private static VTGateCallerID caller(String user) {
        return VTGateCallerID.newBuilder().setUsername(user).build();
    }

    public static String describe(Target target) {
        return target.getKeyspace() + "." + target.getShard() + "." + TabletTypes.lowerName(target.getTabletType());
    }

    private static VtException fromTablet(Target target, StatusRuntimeException error) {
        VtException tabletError = GrpcErrors.fromStatus(error);
        String description = error.getStatus().getDescription() == null ? error.getStatus().getCode().name() : error.getStatus().getDescription();
        String text = "target: " + describe(target) + ": vttablet: rpc error: code = " + goCodeName(error.getStatus().getCode())
                + " desc = " + description;
        return new VtException(tabletError.code(), tabletError.sqlState(), text, error);
    }

    /** gRPC code names as Go prints them (Vitess's error texts use these). */
    private static String goCodeName(io.grpc.Status.Code code) {
        StringBuilder name = new StringBuilder();
        for (String part : code.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return switch (code) {
            case CANCELLED -> "Canceled";
            default -> name.toString();
        };
    }
}
