package io.jvitess.tablet.tabletcontrol;

import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.TabletType;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the topology currently asks of this tablet beyond its role, re-read on every state check:
 * tables to refuse (the shard record's tablet control for the tablet's type and cell, set by
 * MoveTables) and whether to stop serving altogether (the cell's SrvKeyspace partition for the
 * type disabling this shard's query service, set by Reshard on the source shards).
 */
public record TabletControls(DeniedTables deniedTables, boolean queryServiceDisabled) {

    public static final TabletControls NONE = new TabletControls(DeniedTables.NONE, false);

    public TabletControls {
        requireNonNull(deniedTables, "deniedTables is null");
    }

    /**
     * @param shard       this tablet's shard record
     * @param srvKeyspace this cell's SrvKeyspace, empty if the keyspace has none yet
     * @param shardName   this tablet's shard, as named in SrvKeyspace
     */
    public static TabletControls of(Shard shard, Optional<SrvKeyspace> srvKeyspace, TabletType type, String cell, String shardName) {
        requireNonNull(shard, "shard is null");
        requireNonNull(srvKeyspace, "srvKeyspace is null");
        DeniedTables denied = shard.getTabletControlsList().stream()
                .filter(control -> control.getTabletType() == type)
                .filter(control -> control.getCellsList().isEmpty() || control.getCellsList().contains(cell))
                .findFirst()
                .map(control -> DeniedTables.of(control.getDeniedTablesList()))
                .orElse(DeniedTables.NONE);
        boolean disabled = srvKeyspace.stream()
                .flatMap(srv -> srv.getPartitionsList().stream())
                .filter(partition -> partition.getServedType() == type)
                .flatMap(partition -> partition.getShardTabletControlsList().stream())
                .anyMatch(control -> control.getName().equals(shardName) && control.getQueryServiceDisabled());
        return denied.isEmpty() && !disabled ? NONE : new TabletControls(denied, disabled);
    }
}
