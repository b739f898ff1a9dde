package io.jvitess.topo.memory;

import io.jvitess.proto.topodata.Keyspace;
import io.jvitess.topo.TopoErrorCode;
import io.jvitess.topo.TopoServer;
import io.jvitess.topo.TopoServerContract;
import org.junit.jupiter.api.Test;

import static io.jvitess.topo.TopoAssertions.assertTopoError;
import static org.assertj.core.api.Assertions.assertThat;

class MemoryTopoServerTest extends TopoServerContract {

    @Override
    protected TopoServer newServerWithCells(String... cells) {
        return TopoServer.inMemory(cells);
    }

    @Test
    void inMemoryRegistersCellsUnderVitessRoots() {
        assertThat(topo.getCellInfo("zone1").getRoot()).isEqualTo("/vitess/zone1");
    }

    @Test
    void openSelectsTheImplementationByName() {
        try (TopoServer memory = TopoServer.open("memory", "ignored", "/vitess/global")) {
            memory.createKeyspace("ks", Keyspace.getDefaultInstance());
            assertThat(memory.getKeyspaceNames()).containsExactly("ks");
        }
        assertTopoError(() -> TopoServer.open("etcd2", "localhost:2379", "/vitess/global"), TopoErrorCode.NO_IMPLEMENTATION);
    }

    @Test
    void serversSharingAFactorySeeTheSameTopology() {
        MemoryTopoConnFactory factory = new MemoryTopoConnFactory();
        try (TopoServer first = new TopoServer(factory, "memory", "/vitess/global");
             TopoServer second = new TopoServer(factory, "memory", "/vitess/global")) {
            first.createKeyspace("ks", Keyspace.getDefaultInstance());
            assertThat(second.getKeyspaceNames()).containsExactly("ks");
        }
    }
}
