package io.jvitess.cli.vtctldclient;

import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.topodata.Time;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TabletCommandsTest {

    @Test
    void awkLineMatchesVtctldclient() {
        Tablet primary = Tablet.newBuilder()
                .setAlias(TabletAliases.of("zone1", 100))
                .setHostname("localhost")
                .putPortMap("vt", 15100)
                .putPortMap("grpc", 16100)
                .setKeyspace("commerce")
                .setShard("0")
                .setType(TabletType.PRIMARY)
                .setMysqlHostname("localhost")
                .setMysqlPort(17100)
                .setPrimaryTermStartTime(Time.newBuilder().setSeconds(1672855177))
                .build();
        assertThat(TabletCommands.awkLine(primary))
                .isEqualTo("zone1-0000000100 commerce 0 primary localhost:15100 localhost:17100 [] 2023-01-04T17:59:37Z");
        Tablet spare = primary.toBuilder().clearKeyspace().clearShard().setType(TabletType.RDONLY).clearPrimaryTermStartTime().build();
        assertThat(TabletCommands.awkLine(spare))
                .isEqualTo("zone1-0000000100 <null> <null> rdonly localhost:15100 localhost:17100 [] <null>");
    }
}
