package io.jvitess.ctld.workflow;

import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.proto.topodata.Keyspace;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.ShardTabletControl;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.topo.TopoServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TabletControlsTest {

    private final TopoServer topo = TopoServer.inMemory("zone1");
    private final TabletControls controls = new TabletControls(topo, new TabletManagerClient(Duration.ofSeconds(1)));

    @Test
    void deniedTablesAreAddedPerTypeAndTheEntryGoesAwayWhenEmptied() {
        topo.createKeyspace("commerce", Keyspace.getDefaultInstance());
        topo.createShard("commerce", "0");
        controls.updateDeniedTables("commerce", "0", TabletType.PRIMARY, List.of("customer", "corder"), false);
        controls.updateDeniedTables("commerce", "0", TabletType.PRIMARY, List.of("customer"), false);
        Shard shard = topo.getShard("commerce", "0").value();
        assertThat(shard.getTabletControlsList()).containsExactly(Shard.TabletControl.newBuilder()
                .setTabletType(TabletType.PRIMARY).addDeniedTables("customer").addDeniedTables("corder").build());

        controls.updateDeniedTables("commerce", "0", TabletType.PRIMARY, List.of("customer", "corder"), true);
        assertThat(topo.getShard("commerce", "0").value().getTabletControlsList()).isEmpty();
    }

    @Test
    void removeWithoutTablesDropsTheTypesWholeEntry() {
        topo.createKeyspace("commerce", Keyspace.getDefaultInstance());
        topo.createShard("commerce", "0");
        controls.updateDeniedTables("commerce", "0", TabletType.PRIMARY, List.of("customer"), false);
        controls.updateDeniedTables("commerce", "0", TabletType.REPLICA, List.of("customer"), false);
        controls.updateDeniedTables("commerce", "0", TabletType.PRIMARY, List.of(), true);
        assertThat(topo.getShard("commerce", "0").value().getTabletControlsList())
                .extracting(Shard.TabletControl::getTabletType).containsExactly(TabletType.REPLICA);
    }

    @Test
    void queryServiceIsDisabledForOneShardAndTypeInSrvKeyspace() {
        topo.createKeyspace("customer", Keyspace.getDefaultInstance());
        topo.createShard("customer", "0");
        topo.rebuildKeyspaceGraph("customer", List.of());
        controls.setQueryServiceDisabled("customer", "0", TabletType.PRIMARY, true);
        SrvKeyspace srvKeyspace = topo.getSrvKeyspace("zone1", "customer");
        for (SrvKeyspace.KeyspacePartition partition : srvKeyspace.getPartitionsList()) {
            if (partition.getServedType() == TabletType.PRIMARY) {
                assertThat(partition.getShardTabletControlsList()).extracting(ShardTabletControl::getName, ShardTabletControl::getQueryServiceDisabled)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("0", true));
            } else {
                assertThat(partition.getShardTabletControlsList()).isEmpty();
            }
        }
        controls.setQueryServiceDisabled("customer", "0", TabletType.PRIMARY, false);
        assertThat(topo.getSrvKeyspace("zone1", "customer").getPartitionsList())
                .allSatisfy(partition -> assertThat(partition.getShardTabletControlsList()).isEmpty());
    }
}
