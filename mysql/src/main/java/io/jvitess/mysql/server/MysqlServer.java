package io.jvitess.mysql.server;

import io.jvitess.mysql.auth.AuthServer;
import io.jvitess.mysql.protocol.PacketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The MySQL protocol listener. One accept thread hands each client to its own virtual thread,
 * which does blocking I/O on the socket and drives a {@link ServerConnection}.
 */
public final class MysqlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MysqlServer.class);
    private static final int BACKLOG = 1024;
    private static final int BUFFER_SIZE = 32 * 1024;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private record LiveConnection(Socket socket, Thread thread) {
    }

    private final MysqlServerConfig config;
    private final AuthServer authServer;
    private final MysqlHandler handler;
    private final ServerCounters counters;
    private final AtomicLong lastConnectionId = new AtomicLong();
    private final Map<Long, LiveConnection> connections = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private ServerSocket serverSocket;
    private Thread acceptThread;
    private boolean closed;

    public MysqlServer(MysqlServerConfig config, AuthServer authServer, MysqlHandler handler) {
        this.config = requireNonNull(config, "config is null");
        this.authServer = requireNonNull(authServer, "authServer is null");
        this.handler = requireNonNull(handler, "handler is null");
        this.counters = new ServerCounters(connections::size);
    }

    /** Binds and starts accepting connections. */
    public void start() throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("server is closed");
            }
            if (serverSocket != null) {
                throw new IllegalStateException("server already started");
            }
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(config.bindAddress(), config.port()), BACKLOG);
            } catch (IOException e) {
                socket.close();
                throw new IOException("cannot listen for MySQL clients on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
            }
            serverSocket = socket;
            acceptThread = Thread.ofPlatform().name("mysql-accept-" + socket.getLocalPort()).start(this::acceptLoop);
        }
        log.info("MySQL server listening on {}:{} (version {}, auth {}, max packet {} bytes)",
                config.bindAddress(), port(), config.serverVersion(), authServer, config.maxPacketSize());
    }

    /** The bound port (the config's port may be 0). */
    public int port() {
        synchronized (lock) {
            if (serverSocket == null) {
                throw new IllegalStateException("server not started");
            }
            return serverSocket.getLocalPort();
        }
    }

    /** Connections currently open, including ones still in the handshake. */
    public int connectionCount() {
        return connections.size();
    }

    /** Stops accepting, closes every connection (each session's close() runs) and waits for their threads. */
    @Override
    public void close() {
        List<LiveConnection> open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(connections.values());
            if (serverSocket != null) {
                closeQuietly(serverSocket);
            }
        }
        if (acceptThread != null) {
            joinUninterruptibly(acceptThread, SHUTDOWN_GRACE);
        }
        open.forEach(connection -> closeQuietly(connection.socket()));
        int stuck = 0;
        for (LiveConnection connection : open) {
            if (!joinUninterruptibly(connection.thread(), SHUTDOWN_GRACE)) {
                // Its session is still busy in the handler (socket close cannot unblock that); nudge it and move on.
                connection.thread().interrupt();
                stuck++;
            }
        }
        if (stuck > 0) {
            log.warn("MySQL server closed with {} connection threads still busy in the handler after {}", stuck, SHUTDOWN_GRACE);
        } else {
            log.info("MySQL server on {}:{} closed ({} connections closed)", config.bindAddress(),
                    serverSocket != null ? serverSocket.getLocalPort() : config.port(), open.size());
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (isClosed()) {
                    return;
                }
                log.warn("accepting a MySQL client failed: {}; retrying", e.toString());
                if (!pause()) {
                    return;
                }
                continue;
            }
            spawn(socket);
        }
    }

    private void spawn(Socket socket) {
        long connectionId = nextConnectionId();
        String remoteAddress = describe(socket.getRemoteSocketAddress());
        Thread thread = Thread.ofVirtual().name("mysql-connection-" + connectionId)
                .unstarted(() -> runConnection(connectionId, socket, remoteAddress));
        synchronized (lock) {
            if (closed) {
                closeQuietly(socket);
                return;
            }
            connections.put(connectionId, new LiveConnection(socket, thread));
            thread.start();
        }
    }

    private void runConnection(long connectionId, Socket socket, String remoteAddress) {
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout(Math.toIntExact(Math.max(1, config.connectTimeout().toMillis())));
            PacketChannel channel = new PacketChannel(
                    new BufferedInputStream(socket.getInputStream(), BUFFER_SIZE),
                    new BufferedOutputStream(socket.getOutputStream(), BUFFER_SIZE),
                    config.maxPacketSize());
            Runnable liftHandshakeTimeout = () -> {
                try {
                    socket.setSoTimeout(0);
                } catch (SocketException e) {
                    throw new UncheckedIOException(e);
                }
            };
            new ServerConnection(connectionId, remoteAddress, channel, config.serverVersion(), authServer, handler, counters,
                    liftHandshakeTimeout).serve();
        } catch (IOException e) {
            log.debug("connection {} from {}: socket setup failed: {}", connectionId, remoteAddress, e.toString());
        } catch (Throwable e) {
            log.error("connection {} from {}: unexpected failure", connectionId, remoteAddress, e);
        } finally {
            closeQuietly(socket);
            connections.remove(connectionId);
        }
    }

    /** Connection ids are 32 bits on the wire; skip 0, which clients treat as "none". */
    private long nextConnectionId() {
        while (true) {
            long id = lastConnectionId.incrementAndGet() & 0xFFFFFFFFL;
            if (id != 0 && !connections.containsKey(id)) {
                return id;
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Backs off after an accept failure (e.g. out of file descriptors); false if interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean joinUninterruptibly(Thread thread, Duration timeout) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return thread.join(timeout);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("close failed: {}", e.toString());
        }
    }
}
