package io.jvitess.tablet.queryservice;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.jvitess.proto.queryservice.QueryGrpc;
import io.jvitess.proto.tabletmanagerservice.TabletManagerGrpc;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class QueryCallExecutorsTest {

    @Test
    void selfDispatchedMethodsAreTheUnaryQueryServiceMethods() {
        List<MethodDescriptor.MethodType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (MethodDescriptor<?, ?> method : QueryGrpc.getServiceDescriptor().getMethods()) {
            if (QueryCallExecutors.SELF_DISPATCHED_METHODS.contains(method.getFullMethodName())) {
                names.add(method.getFullMethodName());
                types.add(method.getType());
            }
        }

        assertThat(names).containsExactlyInAnyOrderElementsOf(QueryCallExecutors.SELF_DISPATCHED_METHODS);
        assertThat(types).containsOnly(MethodDescriptor.MethodType.UNARY);
    }

    @Test
    void onlyTheSelfDispatchedCallsStayOnTheEventLoop() {
        try (QueryCallExecutors executors = new QueryCallExecutors("zone1-0000000100")) {
            for (MethodDescriptor<?, ?> method : QueryGrpc.getServiceDescriptor().getMethods()) {
                boolean selfDispatched = QueryCallExecutors.SELF_DISPATCHED_METHODS.contains(method.getFullMethodName());
                assertThat(executors.getExecutor(call(method), new Metadata()) == null)
                        .as(method.getFullMethodName()).isEqualTo(selfDispatched);
            }
            for (MethodDescriptor<?, ?> method : TabletManagerGrpc.getServiceDescriptor().getMethods()) {
                assertThat(executors.getExecutor(call(method), new Metadata())).as(method.getFullMethodName()).isNotNull();
            }
        }
    }

    /** A call of {@code method}: the supplier only reads its descriptor. */
    private static <RequestT, ResponseT> ServerCall<RequestT, ResponseT> call(MethodDescriptor<RequestT, ResponseT> method) {
        return new ServerCall<>() {
            @Override
            public void request(int numMessages) {
            }

            @Override
            public void sendHeaders(Metadata headers) {
            }

            @Override
            public void sendMessage(ResponseT message) {
            }

            @Override
            public void close(Status status, Metadata trailers) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public MethodDescriptor<RequestT, ResponseT> getMethodDescriptor() {
                return method;
            }
        };
    }

    @Test
    void queryWorkersRunTasksOffTheCallingThread() throws Exception {
        try (QueryCallExecutors executors = new QueryCallExecutors("zone1-0000000100")) {
            CompletableFuture<String> thread = new CompletableFuture<>();
            executors.queryWorkers().execute(() -> thread.complete(Thread.currentThread().getName()));

            assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("query-zone1-0000000100-");
        }
    }
}
