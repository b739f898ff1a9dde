package io.jvitess.tablet.queryservice;

import io.grpc.MethodDescriptor;
import io.jvitess.proto.queryservice.QueryGrpc;
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
    void queryWorkersRunTasksOffTheCallingThread() throws Exception {
        try (QueryCallExecutors executors = new QueryCallExecutors("zone1-0000000100")) {
            CompletableFuture<String> thread = new CompletableFuture<>();
            executors.queryWorkers().execute(() -> thread.complete(Thread.currentThread().getName()));

            assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("query-zone1-0000000100-");
        }
    }
}
