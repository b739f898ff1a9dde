package io.jvitess.ctld.workflow;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.binlogdata.Rule;
import io.jvitess.proto.binlogdata.VReplicationWorkflowType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Finds a workflow's streams on its target keyspace's primaries and describes it. */
final class Workflows {

    private final WorkflowTopo topo;
    private final Streams streams;

    Workflows(WorkflowTopo topo, Streams streams) {
        this.topo = requireNonNull(topo, "topo is null");
        this.streams = requireNonNull(streams, "streams is null");
    }

    WorkflowDescriptor describe(String keyspace, String workflow) {
        return find(keyspace, workflow).orElseThrow(() -> VtException.of(VtCode.NOT_FOUND,
                "workflow %s not found in keyspace %s", workflow, keyspace));
    }

    java.util.Optional<WorkflowDescriptor> find(String keyspace, String workflow) {
        topo.requireKeyspace(keyspace);
        WorkflowCreator.requireWorkflowName(workflow);
        List<StreamRow> rows = streams.read(topo.primaries(keyspace), workflow);
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(describe(keyspace, workflow, rows));
    }

    WorkflowDescriptor describe(String keyspace, String workflow, List<StreamRow> rows) {
        String sourceKeyspace = rows.getFirst().source().getKeyspace();
        Set<String> sourceShardNames = new LinkedHashSet<>();
        Map<String, ShardPrimary> targets = new LinkedHashMap<>();
        Set<String> tables = new LinkedHashSet<>();
        for (StreamRow row : rows) {
            sourceShardNames.add(row.source().getShard());
            targets.putIfAbsent(row.target().shard(), row.target());
            for (Rule rule : row.source().getFilter().getRulesList()) {
                if (!rule.getMatch().startsWith("/") && !rule.getFilter().equalsIgnoreCase("exclude")) {
                    tables.add(rule.getMatch());
                }
            }
        }
        VReplicationWorkflowType type = VReplicationWorkflowType.forNumber(rows.getFirst().workflowType());
        List<ShardPrimary> sources = topo.shards(sourceKeyspace, new ArrayList<>(sourceShardNames), false);
        List<ShardPrimary> targetShards = new ArrayList<>(targets.values());
        targetShards.sort(WorkflowTopo.KEY_RANGE_ORDER);
        return new WorkflowDescriptor(workflow, keyspace, sourceKeyspace, type == null ? VReplicationWorkflowType.Materialize : type,
                sources, targetShards, rows, type == VReplicationWorkflowType.Reshard ? List.of() : new ArrayList<>(tables));
    }
}
