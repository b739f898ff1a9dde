package io.jvitess.ctld.workflow;

import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.ShardTabletControl;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.topo.TopoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Edits what tablets refuse to serve: a shard's denied tables per tablet type (MoveTables) and the
 * query_service_disabled flag of a shard in SrvKeyspace (Reshard), then makes the primaries re-read them.
 */
final class TabletControls {

    private static final Logger log = LoggerFactory.getLogger(TabletControls.class);

    private final TopoServer topo;
    private final TabletManagerClient tablets;

    TabletControls(TopoServer topo, TabletManagerClient tablets) {
        this.topo = requireNonNull(topo, "topo is null");
        this.tablets = requireNonNull(tablets, "tablets is null");
    }

    /**
     * Adds (or with {@code remove}, removes) tables from the shard's denied tables for the type; an emptied entry is
     * dropped, and removing with no tables drops the type's whole entry (SetShardTabletControl --remove).
     */
    Shard updateDeniedTables(String keyspace, String shard, TabletType type, Collection<String> tables, boolean remove) {
        return topo.updateShardFields(keyspace, shard, record -> {
            Shard.Builder builder = record.toBuilder().clearTabletControls();
            boolean found = false;
            for (Shard.TabletControl control : record.getTabletControlsList()) {
                if (control.getTabletType() != type) {
                    builder.addTabletControls(control);
                    continue;
                }
                if (remove && tables.isEmpty()) {
                    continue;
                }
                found = true;
                Set<String> denied = new LinkedHashSet<>(control.getDeniedTablesList());
                if (remove) {
                    denied.removeAll(tables);
                } else {
                    denied.addAll(tables);
                }
                if (!denied.isEmpty() || control.getFrozen()) {
                    builder.addTabletControls(control.toBuilder().clearDeniedTables().addAllDeniedTables(denied));
                }
            }
            if (!found && !remove && !tables.isEmpty()) {
                builder.addTabletControls(Shard.TabletControl.newBuilder().setTabletType(type).addAllDeniedTables(tables));
            }
            return builder.build();
        });
    }

    /** Sets query_service_disabled for the shard in the type's SrvKeyspace partition of every cell. */
    void setQueryServiceDisabled(String keyspace, String shard, TabletType type, boolean disabled) {
        for (String cell : topo.getCellInfoNames()) {
            SrvKeyspace current = topo.getSrvKeyspace(cell, keyspace);
            SrvKeyspace.Builder updated = current.toBuilder().clearPartitions();
            for (SrvKeyspace.KeyspacePartition partition : current.getPartitionsList()) {
                if (partition.getServedType() != type) {
                    updated.addPartitions(partition);
                    continue;
                }
                List<ShardTabletControl> controls = new ArrayList<>();
                partition.getShardTabletControlsList().stream().filter(control -> !control.getName().equals(shard)).forEach(controls::add);
                if (disabled) {
                    controls.add(ShardTabletControl.newBuilder()
                            .setName(shard)
                            .setKeyRange(topo.getShard(keyspace, shard).value().getKeyRange())
                            .setQueryServiceDisabled(true)
                            .build());
                }
                updated.addPartitions(partition.toBuilder().clearShardTabletControls().addAllShardTabletControls(controls));
            }
            topo.updateSrvKeyspace(cell, keyspace, updated.build());
        }
        log.info("query service of {}/{} {} for {}", keyspace, shard, disabled ? "disabled" : "enabled", type);
    }

    /**
     * Makes the shards' primaries apply their new controls now (RefreshState), all at once: during a switch this
     * runs while writes are held. Tablets also poll, so a failure is logged, not fatal.
     */
    void refresh(Collection<ShardPrimary> shards) {
        List<java.util.concurrent.CompletableFuture<Void>> refreshes = new ArrayList<>();
        for (ShardPrimary shard : shards) {
            refreshes.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    tablets.refreshState(shard.primary());
                } catch (RuntimeException e) {
                    log.warn("RefreshState of {}/{} failed, the tablet will pick the change up on its next check: {}",
                            shard.keyspace(), shard.shard(), e.getMessage());
                }
            }, REFRESHERS));
        }
        refreshes.forEach(java.util.concurrent.CompletableFuture::join);
    }

    private static final java.util.concurrent.ExecutorService REFRESHERS = java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "refresh-state");
        thread.setDaemon(true);
        return thread;
    });
}
