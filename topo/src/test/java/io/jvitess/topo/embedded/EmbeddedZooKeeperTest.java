package io.jvitess.topo.embedded;

import io.jvitess.topo.TopoConn;
import io.jvitess.topo.zk.ZkTopoConnFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.jvitess.topo.TopoAssertions.bytes;
import static io.jvitess.topo.TopoAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedZooKeeperTest {

    @TempDir
    Path dataDir;

    @Test
    void picksAFreePortOnLoopbackAndKeepsDataAcrossRestarts() {
        int port;
        try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start(dataDir, 0);
             ZkTopoConnFactory factory = new ZkTopoConnFactory()) {
            port = zooKeeper.port();
            assertThat(port).isPositive();
            assertThat(zooKeeper.connectString()).isEqualTo("127.0.0.1:" + port);
            factory.create(zooKeeper.connectString(), "/vitess/global").create("cells/zone1/CellInfo", bytes("zone1"));
        }

        try (EmbeddedZooKeeper restarted = EmbeddedZooKeeper.start(dataDir, port);
             ZkTopoConnFactory factory = new ZkTopoConnFactory()) {
            TopoConn conn = factory.create(restarted.connectString(), "/vitess/global");
            assertThat(text(conn.get("cells/zone1/CellInfo").contents())).isEqualTo("zone1");
        }
    }

    @Test
    void failsWhenThePortIsTaken(@TempDir Path otherDir) {
        try (EmbeddedZooKeeper first = EmbeddedZooKeeper.start(dataDir, 0)) {
            assertThatThrownBy(() -> EmbeddedZooKeeper.start(otherDir, first.port()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
