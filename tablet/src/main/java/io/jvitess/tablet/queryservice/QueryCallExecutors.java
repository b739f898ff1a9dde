package io.jvitess.tablet.queryservice;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Where the tablet's gRPC calls run. The server's default executor is direct (the Netty event loop);
 * this supplier moves every call to a pooled thread, except the unary query calls vtgate makes for each
 * statement ({@link #SELF_DISPATCHED_METHODS}): their handlers read the request on the event loop and
 * hand only the statement to {@link #queryWorkers()}, whose thread also writes the response.
 *
 * <p>Why: gRPC's default executor delivers a unary call's callbacks (method lookup, message, half-close,
 * closed) as separate tasks, and on this path each task woke another thread; a point select through the
 * tablet cost ~180 µs of CPU, most of it in the kernel scheduler (bench/README.md). Nothing blocking
 * may run on the event loop: a statement waiting for a row lock there would also stall the COMMIT that
 * releases the lock, when both arrive on vtgate's one connection.
 */
public final class QueryCallExecutors implements ServerCallExecutorSupplier, AutoCloseable {

    /** Unary query-service methods whose handlers dispatch to {@link #queryWorkers()} themselves. */
    public static final Set<String> SELF_DISPATCHED_METHODS = Set.of(
            "queryservice.Query/Execute",
            "queryservice.Query/BeginExecute",
            "queryservice.Query/Begin",
            "queryservice.Query/Commit",
            "queryservice.Query/Rollback");

    private final ExecutorService calls;
    private final ExecutorService statements;

    public QueryCallExecutors(String tabletName) {
        requireNonNull(tabletName, "tabletName is null");
        this.calls = Executors.newCachedThreadPool(daemonThreads("grpc-" + tabletName + "-"));
        this.statements = Executors.newCachedThreadPool(daemonThreads("query-" + tabletName + "-"));
    }

    @Override
    public <RequestT, ResponseT> Executor getExecutor(ServerCall<RequestT, ResponseT> call, Metadata headers) {
        return SELF_DISPATCHED_METHODS.contains(call.getMethodDescriptor().getFullMethodName()) ? null : calls;
    }

    /** Runs statements off the event loop, in the calling gRPC context (deadline, cancellation). */
    public Executor queryWorkers() {
        return task -> statements.execute(Context.current().wrap(task));
    }

    @Override
    public void close() {
        calls.shutdown();
        statements.shutdown();
        try {
            calls.awaitTermination(5, TimeUnit.SECONDS);
            statements.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
