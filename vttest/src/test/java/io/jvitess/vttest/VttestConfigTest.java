package io.jvitess.vttest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VttestConfigTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        VttestConfig config = VttestConfig.builder().keyspace("ks", 2).build();
        assertThat(config.basePort()).isZero();
        assertThat(config.mysqlBindHost()).isEqualTo("127.0.0.1");
        assertThat(config.dataDirectory()).isEmpty();
        assertThat(config.replicaCount()).isEqualTo(1);
        assertThat(config.rdonlyCount()).isEqualTo(1);
        assertThat(config.cell()).isEqualTo("test");
        assertThat(config.keyspaces()).containsExactly(new KeyspaceSpec("ks", 2));
    }

    @Test
    void rejectsAClusterWithoutKeyspaces() {
        assertThatThrownBy(() -> VttestConfig.builder().build()).hasMessage("at least one keyspace is needed");
    }

    @Test
    void rejectsAKeyspaceListedTwice() {
        assertThatThrownBy(() -> VttestConfig.builder().keyspace("ks", 1).keyspace("ks", 2).build())
                .hasMessage("keyspace ks is listed twice");
    }

    @Test
    void rejectsAKeyspaceWithoutShards() {
        assertThatThrownBy(() -> VttestConfig.builder().keyspace("ks", 0)).hasMessage("keyspace ks needs at least one shard, got 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65_533})
    void rejectsABasePortWithoutRoomForItsThreeNeighbours(int port) {
        assertThatThrownBy(() -> VttestConfig.builder().keyspace("ks", 1).basePort(port).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNegativeTabletCounts() {
        assertThatThrownBy(() -> VttestConfig.builder().keyspace("ks", 1).replicaCount(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void laysOutPortsLikeVitess() {
        assertThat(PortLayout.fromBase(15000)).isEqualTo(new PortLayout(15001, 15002, 15003));
        PortLayout free = PortLayout.fromBase(0);
        assertThat(free.vtctldGrpcPort()).isZero();
        assertThat(free.vtgateMysqlPort()).isZero();
        assertThat(free.mysqldPort()).isPositive();
    }
}
