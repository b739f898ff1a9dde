package io.jvitess.gateway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * vtgate's HTTP port with Vitess's {@code /debug/vars}: a JSON object of counters an operator
 * (or a scraper) reads, e.g. the query plan cache's hits, misses and size.
 */
public final class DebugVarsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DebugVarsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpServer server;

    public DebugVarsServer(String bindAddress, int port, Supplier<Map<String, Object>> variables) throws IOException {
        requireNonNull(variables, "variables is null");
        this.server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/debug/vars", exchange -> respond(exchange, variables));
    }

    public void start() {
        server.start();
        log.info("vtgate serving /debug/vars on {}:{}", server.getAddress().getHostString(), port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, Supplier<Map<String, Object>> variables) throws IOException {
        try (exchange) {
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(variables.get());
            } catch (JsonProcessingException e) {
                body = ("{\"error\": \"" + e.getOriginalMessage().replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
