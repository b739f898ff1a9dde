package io.jvitess.topo.zk;

import io.jvitess.topo.TopoConn;
import io.jvitess.topo.TopoConnFactory;
import io.jvitess.topo.TopoErrorCode;
import io.jvitess.topo.TopoException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * ZooKeeper topology ("zk2") through Curator. Server addresses are {@code host:port[,host:port...]}; all connections to
 * one address share one Curator client, i.e. one ZooKeeper session. Operations fail with {@code TIMEOUT} after a few
 * seconds of lost connectivity instead of hanging. Closing the factory closes the sessions, which releases every lock
 * they hold.
 */
public final class ZkTopoConnFactory implements TopoConnFactory, AutoCloseable {

    /** Shorter than Vitess's 30s so a crashed lock holder is noticed sooner; long enough to ride out GC pauses. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ZkTopoConnFactory.class);
    private static final int BASE_RETRY_SLEEP_MS = 250;
    private static final int MAX_RETRIES = 2;
    private static final int MAX_RETRY_SLEEP_MS = 2_000;

    private final Duration sessionTimeout;
    private final Duration connectionTimeout;
    private final ConcurrentHashMap<String, CuratorFramework> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ZkTopoConnFactory() {
        this(DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * @param sessionTimeout    how long ZooKeeper keeps a silent client's session (and its locks) alive
     * @param connectionTimeout how long one attempt of an operation waits for a connection before retrying or failing
     */
    public ZkTopoConnFactory(Duration sessionTimeout, Duration connectionTimeout) {
        this.sessionTimeout = requireNonNull(sessionTimeout, "sessionTimeout is null");
        this.connectionTimeout = requireNonNull(connectionTimeout, "connectionTimeout is null");
    }

    @Override
    public TopoConn create(String serverAddress, String root) {
        requireNonNull(serverAddress, "serverAddress is null");
        requireNonNull(root, "root is null");
        String address = serverAddress.strip();
        if (address.isEmpty()) {
            throw new TopoException(TopoErrorCode.INVALID_ARGUMENT, "ZooKeeper server address is empty");
        }
        if (closed) {
            throw new IllegalStateException("ZkTopoConnFactory is closed");
        }
        return new ZkTopoConn(clients.computeIfAbsent(address, this::startClient), address, root);
    }

    private CuratorFramework startClient(String address) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(address)
                .sessionTimeoutMs(Math.toIntExact(sessionTimeout.toMillis()))
                .connectionTimeoutMs(Math.toIntExact(connectionTimeout.toMillis()))
                .retryPolicy(new ExponentialBackoffRetry(BASE_RETRY_SLEEP_MS, MAX_RETRIES, MAX_RETRY_SLEEP_MS))
                // parents created implicitly hold no data (Curator's default would be this host's IP address)
                .defaultData(new byte[0])
                .build();
        client.getConnectionStateListenable().addListener((ignored, state) -> {
            switch (state) {
                case SUSPENDED -> log.warn("Lost connection to ZooKeeper {}; topo operations fail with TIMEOUT until it "
                        + "is back. Check that the ZooKeeper servers are up and reachable", address);
                case LOST -> log.warn("ZooKeeper session with {} is lost; locks held through it are released. "
                        + "Reconnecting with a new session", address);
                case RECONNECTED -> log.info("Reconnected to ZooKeeper {}", address);
                default -> log.debug("ZooKeeper {} connection state {}", address, state);
            }
        });
        client.start();
        return client;
    }

    @Override
    public void close() {
        closed = true;
        List<CuratorFramework> open = List.copyOf(clients.values());
        clients.clear();
        for (CuratorFramework client : open) {
            try {
                client.close();
            } catch (RuntimeException e) {
                log.warn("Closing ZooKeeper client failed; its session ends after the session timeout", e);
            }
        }
    }
}
