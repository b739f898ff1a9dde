package io.jvitess.tablet.queryservice;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jvitess.common.errors.GrpcErrors;
import io.jvitess.proto.query.BeginExecuteRequest;
import io.jvitess.proto.query.BeginExecuteResponse;
import io.jvitess.proto.query.BeginRequest;
import io.jvitess.proto.query.BeginResponse;
import io.jvitess.proto.query.CommitRequest;
import io.jvitess.proto.query.CommitResponse;
import io.jvitess.proto.query.ExecuteRequest;
import io.jvitess.proto.query.ExecuteResponse;
import io.jvitess.proto.query.RollbackRequest;
import io.jvitess.proto.query.RollbackResponse;
import io.jvitess.proto.query.StreamExecuteRequest;
import io.jvitess.proto.query.StreamExecuteResponse;
import io.jvitess.proto.query.StreamHealthRequest;
import io.jvitess.proto.query.StreamHealthResponse;
import io.jvitess.proto.query.Target;
import io.jvitess.proto.query.VTGateCallerID;
import io.jvitess.proto.queryservice.QueryGrpc;
import io.jvitess.proto.topodata.TabletAlias;
import io.jvitess.tablet.TabletStateManager;
import io.jvitess.tablet.health.HealthBroadcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The gRPC face of the query engine: what vtgate calls. Every call checks its target first, and every
 * statement is checked against the tablet controls' denied tables before it runs, so a refused
 * statement never ran.
 */
public final class TabletQueryService extends QueryGrpc.QueryImplBase {

    private static final Logger log = LoggerFactory.getLogger(TabletQueryService.class);

    private final QueryEngine engine;
    private final TabletStateManager state;
    private final HealthBroadcaster health;
    private final TabletAlias alias;
    private final Executor statements;

    /**
     * @param statements where the unary query calls ({@link QueryCallExecutors#SELF_DISPATCHED_METHODS}) run their
     *                   statements; their handlers are called on the gRPC event loop
     */
    public TabletQueryService(QueryEngine engine, TabletStateManager state, HealthBroadcaster health, TabletAlias alias,
                              Executor statements) {
        this.engine = requireNonNull(engine, "engine is null");
        this.statements = requireNonNull(statements, "statements is null");
        this.state = requireNonNull(state, "state is null");
        this.health = requireNonNull(health, "health is null");
        this.alias = requireNonNull(alias, "alias is null");
    }

    @Override
    public void execute(ExecuteRequest request, StreamObserver<ExecuteResponse> response) {
        dispatch(response, () -> state.admission().admit(() -> {
            checkStatement(request.getTarget(), request.getQuery().getSql());
            return ExecuteResponse.newBuilder()
                    .setResult(engine.execute(request.getQuery().getSql(), request.getQuery().getBindVariablesMap(),
                            request.getTransactionId(), caller(request.getImmediateCallerId())))
                    .build();
        }));
    }

    @Override
    public void streamExecute(StreamExecuteRequest request, StreamObserver<StreamExecuteResponse> response) {
        try {
            state.admission().admit(() -> {
                checkStatement(request.getTarget(), request.getQuery().getSql());
                engine.streamExecute(request.getQuery().getSql(), request.getQuery().getBindVariablesMap(), request.getTransactionId(),
                        caller(request.getImmediateCallerId()),
                        chunk -> response.onNext(StreamExecuteResponse.newBuilder().setResult(chunk).build()));
                return null;
            });
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.toStatus(e));
        }
    }

    @Override
    public void begin(BeginRequest request, StreamObserver<BeginResponse> response) {
        dispatch(response, () -> {
            state.checkTarget(request.getTarget());
            return BeginResponse.newBuilder().setTransactionId(engine.begin()).setTabletAlias(alias).build();
        });
    }

    @Override
    public void beginExecute(BeginExecuteRequest request, StreamObserver<BeginExecuteResponse> response) {
        dispatch(response, () -> state.admission().admit(() -> {
            checkStatement(request.getTarget(), request.getQuery().getSql());
            long transactionId = engine.begin();
            BeginExecuteResponse.Builder result = BeginExecuteResponse.newBuilder().setTransactionId(transactionId).setTabletAlias(alias);
            try {
                result.setResult(engine.execute(request.getQuery().getSql(), request.getQuery().getBindVariablesMap(), transactionId,
                        caller(request.getImmediateCallerId())));
            } catch (RuntimeException e) {
                engine.rollback(transactionId);
                throw e;
            }
            return result.build();
        }));
    }

    @Override
    public void commit(CommitRequest request, StreamObserver<CommitResponse> response) {
        dispatch(response, () -> state.admission().admit(() -> {
            engine.commit(request.getTransactionId());
            return CommitResponse.getDefaultInstance();
        }));
    }

    @Override
    public void rollback(RollbackRequest request, StreamObserver<RollbackResponse> response) {
        dispatch(response, () -> {
            engine.rollback(request.getTransactionId());
            return RollbackResponse.getDefaultInstance();
        });
    }

    @Override
    public void streamHealth(StreamHealthRequest request, StreamObserver<StreamHealthResponse> response) {
        ServerCallStreamObserver<StreamHealthResponse> stream = (ServerCallStreamObserver<StreamHealthResponse>) response;
        Object writeLock = new Object();
        AutoCloseable subscription = health.subscribe(update -> {
            synchronized (writeLock) {
                if (!stream.isCancelled()) {
                    try {
                        stream.onNext(update);
                    } catch (RuntimeException e) {
                        log.debug("health stream write failed", e);
                    }
                }
            }
        });
        stream.setOnCancelHandler(() -> closeQuietly(subscription));
    }

    private void checkStatement(Target target, String sql) {
        state.checkTarget(target);
        state.controls().deniedTables().check(sql);
    }

    private static String caller(VTGateCallerID caller) {
        return caller.getUsername().isEmpty() ? "unknown" : caller.getUsername();
    }

    /** Runs a unary call on a statement thread, which also sends its response or error. */
    private <T> void dispatch(StreamObserver<T> response, Supplier<T> call) {
        try {
            statements.execute(() -> respond(response, call));
        } catch (RejectedExecutionException e) {
            response.onError(Status.UNAVAILABLE.withDescription("vttablet is shutting down").asRuntimeException());
        }
    }

    private static <T> void respond(StreamObserver<T> response, Supplier<T> call) {
        try {
            T result;
            try {
                result = call.get();
            } catch (RuntimeException e) {
                response.onError(GrpcErrors.toStatus(e));
                return;
            }
            response.onNext(result);
            response.onCompleted();
        } catch (StatusRuntimeException e) {
            // The client cancelled or timed out while the statement ran; there is no one left to answer.
            log.debug("query call ended before its response: {}", e.getStatus());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // unsubscribing cannot fail in a way a caller could act on
        }
    }
}
