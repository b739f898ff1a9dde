package io.jvitess.ctld;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.topo.TopoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** The vtctld process: the admin gRPC API on 127.0.0.1. */
public final class Vtctld implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Vtctld.class);

    private final TopoServer topo;
    private final int grpcPort;
    private final TabletManagerClient tablets = new TabletManagerClient(Duration.ofMinutes(10));
    private Server server;

    public Vtctld(TopoServer topo, int grpcPort) {
        this.topo = requireNonNull(topo, "topo is null");
        this.grpcPort = grpcPort;
    }

    public void start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", grpcPort))
                    .maxInboundMessageSize(64 * 1024 * 1024)
                    .addService(new VtctldService(topo, tablets))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + grpcPort, e);
        }
        log.info("vtctld serving gRPC on 127.0.0.1:{}", server.getPort());
    }

    public int grpcPort() {
        return server.getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tablets.close();
    }
}
