package io.jvitess.vttest;

import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.topodata.TabletAlias;
import io.jvitess.proto.topodata.TabletType;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The tablets of a test cluster, like vtcombo's: per shard (keyspaces and shards in order) a
 * primary-elect, then the replicas, then the rdonly tablets, with uids counting up from 1.
 */
record TabletPlan(List<Planned> tablets) {

    /** One tablet to start. The primary-elect starts as REPLICA and wins the shard's election by starting first. */
    record Planned(TabletAlias alias, String keyspace, String shard, TabletType servingType) {

        Planned {
            requireNonNull(alias, "alias is null");
            requireNonNull(keyspace, "keyspace is null");
            requireNonNull(shard, "shard is null");
            requireNonNull(servingType, "servingType is null");
        }

        boolean primaryElect() {
            return servingType == TabletType.PRIMARY;
        }

        /** vttablet's --init_tablet_type: a primary starts as a replica and is elected. */
        TabletType initType() {
            return servingType == TabletType.RDONLY ? TabletType.RDONLY : TabletType.REPLICA;
        }

        String databaseName() {
            return ShardDatabases.databaseName(keyspace, shard);
        }
    }

    TabletPlan {
        tablets = List.copyOf(requireNonNull(tablets, "tablets is null"));
    }

    static TabletPlan of(VttestConfig config) {
        List<Planned> tablets = new ArrayList<>();
        int uid = 1;
        for (KeyspaceSpec keyspace : config.keyspaces()) {
            for (String shard : keyspace.shardNames()) {
                tablets.add(new Planned(TabletAliases.of(config.cell(), uid++), keyspace.name(), shard, TabletType.PRIMARY));
                for (int replica = 0; replica < config.replicaCount(); replica++) {
                    tablets.add(new Planned(TabletAliases.of(config.cell(), uid++), keyspace.name(), shard, TabletType.REPLICA));
                }
                for (int rdonly = 0; rdonly < config.rdonlyCount(); rdonly++) {
                    tablets.add(new Planned(TabletAliases.of(config.cell(), uid++), keyspace.name(), shard, TabletType.RDONLY));
                }
            }
        }
        return new TabletPlan(tablets);
    }

    List<Planned> primaries() {
        return tablets.stream().filter(Planned::primaryElect).toList();
    }

    List<Planned> others() {
        return tablets.stream().filter(tablet -> !tablet.primaryElect()).toList();
    }
}
