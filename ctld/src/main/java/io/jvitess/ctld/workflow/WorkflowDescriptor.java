package io.jvitess.ctld.workflow;

import io.jvitess.proto.binlogdata.VReplicationWorkflowType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A workflow as its streams describe it: which keyspace and shards it reads, which it writes, and for
 * MoveTables the tables it moves (the match of each table rule).
 */
record WorkflowDescriptor(String name, String targetKeyspace, String sourceKeyspace, VReplicationWorkflowType type,
                          List<ShardPrimary> sourceShards, List<ShardPrimary> targetShards, List<StreamRow> streams,
                          List<String> tables) {

    static final String REVERSE_SUFFIX = "_reverse";

    WorkflowDescriptor {
        requireNonNull(name, "name is null");
        requireNonNull(targetKeyspace, "targetKeyspace is null");
        requireNonNull(sourceKeyspace, "sourceKeyspace is null");
        requireNonNull(type, "type is null");
        sourceShards = List.copyOf(sourceShards);
        targetShards = List.copyOf(targetShards);
        streams = List.copyOf(streams);
        tables = List.copyOf(tables);
    }

    boolean isReshard() {
        return type == VReplicationWorkflowType.Reshard;
    }

    boolean frozen() {
        return streams.stream().anyMatch(StreamRow::frozen);
    }

    /** The name of the workflow that replicates back: {@code wf_reverse}, and {@code wf} for {@code wf_reverse}. */
    String reverseName() {
        return reverseName(name);
    }

    static String reverseName(String workflow) {
        return workflow.endsWith(REVERSE_SUFFIX) ? workflow.substring(0, workflow.length() - REVERSE_SUFFIX.length())
                : workflow + REVERSE_SUFFIX;
    }

    List<StreamRow> streamsOf(ShardPrimary target) {
        return streams.stream().filter(stream -> stream.target().shard().equals(target.shard())).toList();
    }
}
