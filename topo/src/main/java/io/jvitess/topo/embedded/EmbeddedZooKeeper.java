package io.jvitess.topo.embedded;

import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A standalone ZooKeeper server inside this JVM, reachable on 127.0.0.1 only: the topology service of a local
 * cluster and of tests. Data survives restarts in {@code dataDir}.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final String HOST = "127.0.0.1";
    private static final long STARTUP_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);
    private static final long CLOSE_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(10);
    private static final int FREE_PORT_ATTEMPTS = 5;

    private final ZooKeeperServerEmbedded server;
    private final int port;

    private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the server and waits until it accepts connections.
     *
     * @param clientPort the port to listen on; 0 picks a free one
     * @throws IllegalStateException if the server does not come up (e.g. the port is taken)
     */
    public static EmbeddedZooKeeper start(Path dataDir, int clientPort) {
        requireNonNull(dataDir, "dataDir is null");
        if (clientPort < 0 || clientPort > 65_535) {
            throw new IllegalArgumentException("invalid client port: " + clientPort);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create ZooKeeper data directory " + dataDir, e);
        }
        // ZooKeeper cannot listen on port 0 itself, so pick a free port and retry if another process takes it first
        int attempts = clientPort == 0 ? FREE_PORT_ATTEMPTS : 1;
        Exception failure = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int port = clientPort == 0 ? freePort() : clientPort;
            try {
                return startOn(dataDir, port);
            } catch (Exception e) {
                failure = e;
                log.debug("Embedded ZooKeeper could not start on port {}", port, e);
            }
        }
        throw new IllegalStateException("embedded ZooKeeper failed to start in " + dataDir + " on "
                + (clientPort == 0 ? "a free port" : "port " + clientPort) + ": " + failure, failure);
    }

    private static EmbeddedZooKeeper startOn(Path dataDir, int port) throws Exception {
        // ZooKeeper reports a failed bind only by never becoming ready, so check the port up front
        checkPortAvailable(port);
        Properties config = new Properties();
        config.setProperty("tickTime", "2000");
        config.setProperty("dataDir", dataDir.resolve("data").toAbsolutePath().toString());
        config.setProperty("clientPort", Integer.toString(port));
        config.setProperty("clientPortAddress", HOST);
        // ZooKeeper turns unknown keys into "zookeeper.*" system properties: this is zookeeper.admin.enableServer
        config.setProperty("admin.enableServer", "false");
        // every local process connects from 127.0.0.1; the default cap of 60 per address is too low for a cluster
        config.setProperty("maxClientCnxns", "0");
        config.setProperty("autopurge.snapRetainCount", "3");
        config.setProperty("autopurge.purgeInterval", "1");
        ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
                .baseDir(dataDir)
                .configuration(config)
                // never let ZooKeeper call System.exit in our process
                .exitHandler(ExitHandler.LOG_ONLY)
                .build();
        deleteGeneratedConfigs(dataDir);
        try {
            server.start(STARTUP_TIMEOUT_MS);
        } catch (Exception e) {
            closeAbandoned(server);
            throw e;
        }
        log.info("Embedded ZooKeeper listening on {}:{} with data in {}", HOST, port, dataDir);
        return new EmbeddedZooKeeper(server, port);
    }

    /** The builder writes a fresh config file into the base dir on every start; it is parsed already. */
    private static void deleteGeneratedConfigs(Path dataDir) {
        try (DirectoryStream<Path> configs = Files.newDirectoryStream(dataDir, "zookeeper.configuration*.properties")) {
            for (Path config : configs) {
                Files.deleteIfExists(config);
            }
        } catch (IOException e) {
            log.debug("Could not delete generated ZooKeeper config files in {}", dataDir, e);
        }
    }

    private static void checkPortAvailable(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IOException(HOST + ":" + port + " is already in use", e);
        }
    }

    /** After a failed start ZooKeeper's close can block forever joining its threads; do not let it block us. */
    private static void closeAbandoned(ZooKeeperServerEmbedded server) {
        Thread closer = Thread.ofPlatform().daemon().name("embedded-zookeeper-close").start(server::close);
        try {
            closer.join(CLOSE_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, usable as a topo server address. */
    public String connectString() {
        return HOST + ":" + port;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "EmbeddedZooKeeper[" + connectString() + "]";
    }
}
