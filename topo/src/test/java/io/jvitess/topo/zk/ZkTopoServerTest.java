package io.jvitess.topo.zk;

import io.jvitess.proto.topodata.CellInfo;
import io.jvitess.proto.topodata.Keyspace;
import io.jvitess.topo.TopoServer;
import io.jvitess.topo.TopoServerContract;
import io.jvitess.topo.embedded.EmbeddedZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ZkTopoServerTest extends TopoServerContract {

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
    protected TopoServer newServerWithCells(String... cells) {
        String base = "/vitess-" + UUID.randomUUID();
        TopoServer server = new TopoServer(factory, zooKeeper.connectString(), base + "/global");
        for (String cell : cells) {
            server.createCellInfo(cell, CellInfo.newBuilder().setServerAddress(zooKeeper.connectString()).setRoot(base + "/" + cell).build());
        }
        return server;
    }

    @Test
    void openZk2ConnectsToZooKeeper() {
        String root = "/open-" + UUID.randomUUID() + "/global";
        try (TopoServer opened = TopoServer.open("zk2", zooKeeper.connectString(), root)) {
            opened.createKeyspace("ks", Keyspace.getDefaultInstance());
            opened.createCellInfo("zone9", CellInfo.newBuilder().setRoot("/zone9-" + UUID.randomUUID()).build());
            // an empty server address in CellInfo means the global ZooKeeper
            opened.updateSrvKeyspace("zone9", "ks", io.jvitess.proto.topodata.SrvKeyspace.getDefaultInstance());
            assertThat(opened.getSrvKeyspaceNames("zone9")).containsExactly("ks");
        }
        try (TopoServer reopened = new TopoServer(factory, zooKeeper.connectString(), root)) {
            assertThat(reopened.getKeyspaceNames()).containsExactly("ks");
        }
    }
}
