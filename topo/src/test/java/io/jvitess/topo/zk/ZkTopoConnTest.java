package io.jvitess.topo.zk;

import io.jvitess.topo.RecordingWatchListener;
import io.jvitess.topo.TopoConn;
import io.jvitess.topo.TopoConnContract;
import io.jvitess.topo.TopoConnFactory;
import io.jvitess.topo.TopoErrorCode;
import io.jvitess.topo.Watch;
import io.jvitess.topo.embedded.EmbeddedZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jvitess.topo.TopoAssertions.assertTopoError;
import static io.jvitess.topo.TopoAssertions.bytes;
import static io.jvitess.topo.TopoAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;

class ZkTopoConnTest extends TopoConnContract {

    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    private static EmbeddedZooKeeper zooKeeper;
    private static ZkTopoConnFactory factory;

    @BeforeAll
    static void startZooKeeper() {
        zooKeeper = EmbeddedZooKeeper.start(dataDir, 0);
        factory = new ZkTopoConnFactory();
    }

    @AfterAll
    static void stopZooKeeper() {
        factory.close();
        zooKeeper.close();
    }

    @Override
    protected TopoConnFactory factory() {
        return factory;
    }

    @Override
    protected String serverAddress() {
        return zooKeeper.connectString();
    }

    @Test
    void lockOfAClosedSessionIsReleased() throws Exception {
        conn.create("keyspaces/ks/Keyspace", bytes("ks"));
        // a separate factory is a separate ZooKeeper session, like another process
        ZkTopoConnFactory otherProcess = new ZkTopoConnFactory();
        TopoConn holderConn = otherProcess.create(serverAddress(), root());
        holderConn.lock("keyspaces/ks", "crashing holder", LONG_WAIT);
        CompletableFuture<AutoCloseable> waiter = CompletableFuture.supplyAsync(() -> conn.lock("keyspaces/ks", "next", LONG_WAIT));

        // closing the session without releasing the lock: ZooKeeper drops the holder's ephemeral lock node
        otherProcess.close();

        waiter.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS).close();
        assertThat(conn.listDir("keyspaces/ks")).containsExactly("Keyspace");
    }

    @Test
    @Timeout(60)
    void unreachableServerFailsWithTimeoutInsteadOfHanging() throws Exception {
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            unusedPort = socket.getLocalPort();
        }
        try (ZkTopoConnFactory unreachable = new ZkTopoConnFactory(Duration.ofSeconds(2), Duration.ofMillis(500))) {
            TopoConn dead = unreachable.create("127.0.0.1:" + unusedPort, "/vitess/global");

            assertTopoError(() -> dead.get("keyspaces/ks/Keyspace"), TopoErrorCode.TIMEOUT);
        }
    }

    @Test
    @Timeout(120)
    void serverOutageSurfacesAsTimeoutAndConnectionsRecoverWhenItReturns(@TempDir Path ownDataDir) {
        EmbeddedZooKeeper own = EmbeddedZooKeeper.start(ownDataDir, 0);
        int port = own.port();
        try (ZkTopoConnFactory ownFactory = new ZkTopoConnFactory(Duration.ofSeconds(4), Duration.ofSeconds(1))) {
            TopoConn ownConn = ownFactory.create(own.connectString(), "/vitess/global");
            ownConn.create("keyspaces/ks/Keyspace", bytes("before"));
            RecordingWatchListener listener = new RecordingWatchListener();
            Watch watch = ownConn.watch("keyspaces/ks/Keyspace", listener);

            own.close();
            assertTopoError(() -> ownConn.get("keyspaces/ks/Keyspace"), TopoErrorCode.TIMEOUT);

            own = EmbeddedZooKeeper.start(ownDataDir, port);
            assertThat(text(ownConn.get("keyspaces/ks/Keyspace").contents())).isEqualTo("before");
            ownConn.update("keyspaces/ks/Keyspace", bytes("after"), null);
            listener.awaitEvent("changed:after");
            watch.close();
        } finally {
            own.close();
        }
    }
}
