package io.jvitess.ctld.workflow;

import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.topo.TopoException;
import io.jvitess.topo.TopoServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** Which traffic of a workflow is switched, read from routing rules (MoveTables) or SrvKeyspace partitions (Reshard). */
final class TrafficState {

    private final TopoServer topo;
    private final MoveTablesRoutingRules routingRules;

    TrafficState(TopoServer topo, MoveTablesRoutingRules routingRules) {
        this.topo = requireNonNull(topo, "topo is null");
        this.routingRules = requireNonNull(routingRules, "routingRules is null");
    }

    /** The cells in which the tablet type's traffic goes to the workflow's target. */
    List<String> switchedCells(WorkflowDescriptor workflow, TabletType type) {
        List<String> cells = new ArrayList<>();
        if (!workflow.isReshard()) {
            if (!workflow.tables().isEmpty() && routingRules.routesTo(workflow.targetKeyspace(), workflow.tables(), suffix(type))) {
                cells.addAll(topo.getCellInfoNames());
            }
            return cells;
        }
        Set<String> targets = workflow.targetShards().stream().map(ShardPrimary::shard).collect(Collectors.toSet());
        for (String cell : topo.getCellInfoNames()) {
            if (servedShards(cell, workflow.targetKeyspace(), type).stream().anyMatch(targets::contains)) {
                cells.add(cell);
            }
        }
        return cells;
    }

    boolean writesSwitched(WorkflowDescriptor workflow) {
        return !switchedCells(workflow, TabletType.PRIMARY).isEmpty();
    }

    /** Vitess's summary, e.g. {@code Reads Not Switched. Writes Not Switched} or {@code All Reads Switched. Writes Switched}. */
    String describe(WorkflowDescriptor workflow) {
        List<String> replica = switchedCells(workflow, TabletType.REPLICA);
        List<String> rdonly = switchedCells(workflow, TabletType.RDONLY);
        List<String> parts = new ArrayList<>();
        int cellCount = topo.getCellInfoNames().size();
        if (replica.isEmpty() && rdonly.isEmpty()) {
            parts.add("Reads Not Switched");
        } else if (replica.size() == cellCount && rdonly.size() == cellCount) {
            parts.add("All Reads Switched");
        } else {
            parts.add("Reads partially switched");
            parts.add(replica.isEmpty() ? "Replica not switched" : "Replica switched in cells: " + String.join(",", replica));
            parts.add(rdonly.isEmpty() ? "Rdonly not switched" : "Rdonly switched in cells: " + String.join(",", rdonly));
        }
        parts.add(writesSwitched(workflow) ? "Writes Switched" : "Writes Not Switched");
        return String.join(". ", parts);
    }

    List<String> servedShards(String cell, String keyspace, TabletType type) {
        try {
            SrvKeyspace srvKeyspace = topo.getSrvKeyspace(cell, keyspace);
            return srvKeyspace.getPartitionsList().stream()
                    .filter(partition -> partition.getServedType() == type)
                    .flatMap(partition -> partition.getShardReferencesList().stream())
                    .map(ShardReference::getName)
                    .toList();
        } catch (TopoException e) {
            return List.of();
        }
    }

    static String suffix(TabletType type) {
        return type == TabletType.PRIMARY ? "" : type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
