package io.jvitess.vttest;

import io.jvitess.proto.topodata.TabletType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TabletPlanTest {

    @Test
    void plansAPrimaryReplicasAndRdonlyPerShardWithUidsInOrder() {
        VttestConfig config = VttestConfig.builder().keyspace("commerce", 1).keyspace("customer", 2)
                .replicaCount(2).rdonlyCount(1).build();

        TabletPlan plan = TabletPlan.of(config);

        assertThat(plan.tablets()).extracting(tablet -> tablet.alias().getUid() + " " + tablet.keyspace() + "/" + tablet.shard()
                        + " " + tablet.servingType() + " init " + tablet.initType() + " db " + tablet.databaseName())
                .containsExactly(
                        "1 commerce/0 PRIMARY init REPLICA db vt_commerce_0",
                        "2 commerce/0 REPLICA init REPLICA db vt_commerce_0",
                        "3 commerce/0 REPLICA init REPLICA db vt_commerce_0",
                        "4 commerce/0 RDONLY init RDONLY db vt_commerce_0",
                        "5 customer/-80 PRIMARY init REPLICA db vt_customer_-80",
                        "6 customer/-80 REPLICA init REPLICA db vt_customer_-80",
                        "7 customer/-80 REPLICA init REPLICA db vt_customer_-80",
                        "8 customer/-80 RDONLY init RDONLY db vt_customer_-80",
                        "9 customer/80- PRIMARY init REPLICA db vt_customer_80-",
                        "10 customer/80- REPLICA init REPLICA db vt_customer_80-",
                        "11 customer/80- REPLICA init REPLICA db vt_customer_80-",
                        "12 customer/80- RDONLY init RDONLY db vt_customer_80-");
        assertThat(plan.tablets()).allSatisfy(tablet -> assertThat(tablet.alias().getCell()).isEqualTo("test"));
        assertThat(plan.primaries()).extracting(tablet -> tablet.alias().getUid()).containsExactly(1, 5, 9);
        assertThat(plan.others()).noneMatch(tablet -> tablet.servingType() == TabletType.PRIMARY);
    }

    @Test
    void aShardCanHaveOnlyItsPrimary() {
        VttestConfig config = VttestConfig.builder().keyspace("ks", 1).replicaCount(0).rdonlyCount(0).build();
        assertThat(TabletPlan.of(config).tablets()).singleElement()
                .satisfies(tablet -> assertThat(tablet.primaryElect()).isTrue());
    }
}
