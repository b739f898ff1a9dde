package io.jvitess.ctld.workflow;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.proto.binlogdata.BinlogSource;
import io.jvitess.proto.binlogdata.Filter;
import io.jvitess.proto.binlogdata.Rule;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vtctldata.WorkflowSwitchTrafficRequest;
import io.jvitess.proto.vtctldata.WorkflowSwitchTrafficResponse;
import io.jvitess.topo.TopoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * SwitchTraffic and ReverseTraffic (reference §8.5). Reads move by routing rules (MoveTables) or SrvKeyspace
 * partitions (Reshard). Writes move in Vitess's order: stop writes on the sources, wait for the target streams to
 * reach the sources' positions, create the reverse workflow at the targets' positions, then switch routing and
 * freeze the forward workflow. A failure before routing changes puts everything back.
 */
final class TrafficSwitcher {

    private static final Logger log = LoggerFactory.getLogger(TrafficSwitcher.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<TabletType> READ_TYPES = EnumSet.of(TabletType.REPLICA, TabletType.RDONLY);

    private final WorkflowTopo topo;
    private final Workflows workflows;
    private final Streams streams;
    private final TabletControls controls;
    private final MoveTablesRoutingRules routingRules;
    private final TrafficState state;
    private final TabletManagerClient tablets;
    private final Clock clock;

    TrafficSwitcher(WorkflowTopo topo, Workflows workflows, Streams streams, TabletControls controls, MoveTablesRoutingRules routingRules,
                    TrafficState state, TabletManagerClient tablets, Clock clock) {
        this.topo = requireNonNull(topo, "topo is null");
        this.workflows = requireNonNull(workflows, "workflows is null");
        this.streams = requireNonNull(streams, "streams is null");
        this.controls = requireNonNull(controls, "controls is null");
        this.routingRules = requireNonNull(routingRules, "routingRules is null");
        this.state = requireNonNull(state, "state is null");
        this.tablets = requireNonNull(tablets, "tablets is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    WorkflowSwitchTrafficResponse switchTraffic(WorkflowSwitchTrafficRequest request) {
        WorkflowDescriptor workflow = workflows.describe(request.getKeyspace(), request.getWorkflow());
        boolean backward = request.getDirection() == 1;
        Set<TabletType> types = request.getTabletTypesCount() == 0
                ? EnumSet.of(TabletType.PRIMARY, TabletType.REPLICA, TabletType.RDONLY)
                : EnumSet.copyOf(request.getTabletTypesList());
        if (request.getTimeoutSeconds() != 0 && request.getTimeoutSeconds() < 1) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "timeout value must be at least 1 second");
        }
        Duration timeout = request.getTimeoutSeconds() > 0 ? Duration.ofSeconds(request.getTimeoutSeconds()) : DEFAULT_TIMEOUT;
        Set<TabletType> reads = EnumSet.noneOf(TabletType.class);
        types.stream().filter(READ_TYPES::contains).forEach(reads::add);
        boolean writes = types.contains(TabletType.PRIMARY);
        String startState = state.describe(workflow);
        String verb = backward ? "ReverseTraffic" : "SwitchTraffic";

        if (request.getDryRun()) {
            return WorkflowSwitchTrafficResponse.newBuilder()
                    .setSummary(verb + " dry run for workflow " + workflow.targetKeyspace() + "." + workflow.name())
                    .setStartState(startState)
                    .setCurrentState(startState)
                    .addAllDryRunResults(dryRun(workflow, reads, writes, backward))
                    .build();
        }
        if (!backward) {
            if (!reads.isEmpty()) {
                if (!workflow.frozen()) {
                    Streams.requireRunning(workflow.streams(), workflow.name());
                }
                switchReads(workflow, reads, true);
            }
            if (writes) {
                if (state.writesSwitched(workflow)) {
                    throw VtException.of(VtCode.FAILED_PRECONDITION, "writes have already been switched for workflow %s", workflow.name());
                }
                switchWrites(workflow, timeout, request.getEnableReverseReplication());
            }
        } else {
            if (writes) {
                if (!state.writesSwitched(workflow)) {
                    throw VtException.of(VtCode.FAILED_PRECONDITION, "writes have not been switched for workflow %s, nothing to reverse",
                            workflow.name());
                }
                WorkflowDescriptor reverse = workflows.find(workflow.sourceKeyspace(), workflow.reverseName())
                        .orElseThrow(() -> VtException.of(VtCode.FAILED_PRECONDITION,
                                "cannot reverse writes of workflow %s: the reverse workflow %s does not exist in keyspace %s",
                                workflow.name(), workflow.reverseName(), workflow.sourceKeyspace()));
                switchWrites(reverse, timeout, true);
            }
            if (!reads.isEmpty()) {
                switchReads(workflow, reads, false);
            }
        }
        String currentState = state.describe(workflows.describe(request.getKeyspace(), request.getWorkflow()));
        return WorkflowSwitchTrafficResponse.newBuilder()
                .setSummary(verb + " was successful for workflow " + workflow.targetKeyspace() + "." + workflow.name())
                .setStartState(startState)
                .setCurrentState(currentState)
                .build();
    }

    private List<String> dryRun(WorkflowDescriptor workflow, Set<TabletType> reads, boolean writes, boolean backward) {
        List<String> results = new ArrayList<>();
        String from = backward ? workflow.targetKeyspace() : workflow.sourceKeyspace();
        String to = backward ? workflow.sourceKeyspace() : workflow.targetKeyspace();
        if (!reads.isEmpty()) {
            results.add("Switch reads for " + (workflow.isReshard() ? "shards " : "tables [" + String.join(",", workflow.tables()) + "] ")
                    + "of tablet types " + reads + " from keyspace " + from + " to keyspace " + to);
        }
        if (writes) {
            results.add("Stop writes on keyspace " + from + " and wait for the streams to catch up");
            results.add("Create the reverse replication workflow " + (backward ? workflow.name() : workflow.reverseName()));
            results.add("Switch writes from keyspace " + from + " to keyspace " + to);
            results.add("Freeze workflow " + (backward ? workflow.reverseName() : workflow.name()));
        }
        return results;
    }

    /** Points reads of the types at the target ({@code forward}) or back at the source. */
    private void switchReads(WorkflowDescriptor workflow, Set<TabletType> types, boolean forward) {
        for (TabletType type : types) {
            if (workflow.isReshard()) {
                List<String> remove = WorkflowCreator.names(forward ? workflow.sourceShards() : workflow.targetShards());
                List<ShardPrimary> add = forward ? workflow.targetShards() : workflow.sourceShards();
                migrateServedType(workflow.targetKeyspace(), type, remove, add);
            } else {
                routingRules.switchReads(workflow.sourceKeyspace(), workflow.targetKeyspace(), workflow.tables(),
                        TrafficState.suffix(type), forward ? workflow.targetKeyspace() : workflow.sourceKeyspace());
            }
            log.info("{} reads of workflow {}.{} switched to {}", type, workflow.targetKeyspace(), workflow.name(),
                    forward ? workflow.targetKeyspace() : workflow.sourceKeyspace());
        }
    }

    /** Replaces {@code remove} by {@code add} in the served type's partition of every cell. */
    private void migrateServedType(String keyspace, TabletType type, List<String> remove, List<ShardPrimary> add) {
        TopoServer server = topo.topo();
        for (String cell : server.getCellInfoNames()) {
            SrvKeyspace current = server.getSrvKeyspace(cell, keyspace);
            SrvKeyspace.Builder updated = current.toBuilder().clearPartitions();
            for (SrvKeyspace.KeyspacePartition partition : current.getPartitionsList()) {
                if (partition.getServedType() != type) {
                    updated.addPartitions(partition);
                    continue;
                }
                Map<String, ShardReference> references = new LinkedHashMap<>();
                partition.getShardReferencesList().stream()
                        .filter(reference -> !remove.contains(reference.getName()))
                        .forEach(reference -> references.put(reference.getName(), reference));
                add.forEach(shard -> references.put(shard.shard(), ShardReference.newBuilder()
                        .setName(shard.shard()).setKeyRange(shard.keyRange()).build()));
                List<ShardReference> sorted = new ArrayList<>(references.values());
                sorted.sort(java.util.Comparator.comparing(ShardReference::getKeyRange, KeyRanges.BY_START));
                updated.addPartitions(partition.toBuilder().clearShardReferences().addAllShardReferences(sorted));
            }
            server.updateSrvKeyspace(cell, keyspace, updated.build());
        }
    }

    private void switchWrites(WorkflowDescriptor workflow, Duration timeout, boolean enableReverse) {
        Streams.requireRunning(workflow.streams(), workflow.name());
        Instant deadline = clock.instant().plus(timeout);
        Set<String> keyspaces = new LinkedHashSet<>(List.of(workflow.sourceKeyspace(), workflow.targetKeyspace()));
        List<AutoCloseable> locks = new ArrayList<>();
        try {
            for (String keyspace : keyspaces.stream().sorted().toList()) {
                locks.add(topo.topo().lockKeyspace(keyspace, "SwitchTraffic " + workflow.name()));
            }
            switchWritesLocked(workflow, deadline, enableReverse);
        } finally {
            for (AutoCloseable lock : locks.reversed()) {
                try {
                    lock.close();
                } catch (Exception e) {
                    log.warn("cannot release keyspace lock: {}", e.getMessage());
                }
            }
        }
    }

    private void switchWritesLocked(WorkflowDescriptor workflow, Instant deadline, boolean enableReverse) {
        List<ShardPrimary> participants = new ArrayList<>(workflow.sourceShards());
        participants.addAll(workflow.targetShards());
        log.info("switching writes of workflow {}.{}: stopping writes on {}/{}", workflow.targetKeyspace(), workflow.name(),
                workflow.sourceKeyspace(), WorkflowCreator.names(workflow.sourceShards()));
        Instant writesStopped = clock.instant();
        PhaseTimer phases = new PhaseTimer(clock);
        stopSourceWrites(workflow, true);
        controls.refresh(participants);
        phases.mark("stop writes");
        boolean reverseCreated = false;
        try {
            Map<String, String> sourcePositions = new LinkedHashMap<>();
            for (ShardPrimary source : workflow.sourceShards()) {
                sourcePositions.put(source.shard(), tablets.primaryPosition(source.primary()));
            }
            phases.mark("source positions");
            for (StreamRow stream : workflow.streams()) {
                Duration remaining = Duration.between(clock.instant(), deadline);
                if (remaining.isNegative() || remaining.isZero()) {
                    throw VtException.of(VtCode.DEADLINE_EXCEEDED, "timed out waiting for the streams to catch up");
                }
                tablets.vreplicationWaitForPos(stream.target().primary(), stream.id(), sourcePositions.get(stream.source().getShard()),
                        remaining);
            }
            phases.mark("catch up");
            for (ShardPrimary target : workflow.targetShards()) {
                streams.stop(target, workflow.name(), "stopped for cutover");
            }
            phases.mark("stop streams");
            Map<String, String> targetPositions = new LinkedHashMap<>();
            for (ShardPrimary target : workflow.targetShards()) {
                targetPositions.put(target.shard(), tablets.primaryPosition(target.primary()));
            }
            if (enableReverse) {
                createReverse(workflow, targetPositions);
                reverseCreated = true;
            }
            phases.mark("reverse workflow");
        } catch (RuntimeException e) {
            log.warn("switching writes of workflow {}.{} failed, restoring writes on the source: {}", workflow.targetKeyspace(),
                    workflow.name(), e.getMessage());
            cancelSwitch(workflow, participants, reverseCreated);
            throw VtException.of(VtCode.FAILED_PRECONDITION, "SwitchTraffic of workflow %s failed and was cancelled, traffic is unchanged: %s",
                    workflow.name(), e.getMessage());
        }
        // Point of no return: the targets take writes from here on.
        if (workflow.isReshard()) {
            for (ShardPrimary target : workflow.targetShards()) {
                controls.setQueryServiceDisabled(workflow.targetKeyspace(), target.shard(), TabletType.PRIMARY, false);
            }
            for (ShardPrimary source : workflow.sourceShards()) {
                topo.topo().updateShardFields(source.keyspace(), source.shard(), shard -> shard.toBuilder().setIsPrimaryServing(false).build());
            }
            for (ShardPrimary target : workflow.targetShards()) {
                topo.topo().updateShardFields(target.keyspace(), target.shard(), shard -> shard.toBuilder().setIsPrimaryServing(true).build());
            }
            migrateServedType(workflow.targetKeyspace(), TabletType.PRIMARY, WorkflowCreator.names(workflow.sourceShards()),
                    workflow.targetShards());
        } else {
            routingRules.switchWrites(workflow.sourceKeyspace(), workflow.targetKeyspace(), workflow.tables());
        }
        Instant routingSwitched = clock.instant();
        phases.mark("switch");
        controls.refresh(participants);
        if (enableReverse) {
            workflow.sourceShards().forEach(source -> streams.start(source, workflow.reverseName()));
        }
        for (ShardPrimary target : workflow.targetShards()) {
            streams.stop(target, workflow.name(), StreamRow.FROZEN);
        }
        log.info("writes of workflow {}.{} switched to {}/{}; writes were held for {} ms ({})", workflow.targetKeyspace(), workflow.name(),
                workflow.targetKeyspace(), WorkflowCreator.names(workflow.targetShards()),
                Duration.between(writesStopped, routingSwitched).toMillis(), phases);
    }

    /** Refuses (or with {@code stop=false}, allows again) writes on the sources; MoveTables also lifts the targets' denial. */
    private void stopSourceWrites(WorkflowDescriptor workflow, boolean stop) {
        if (workflow.isReshard()) {
            for (ShardPrimary source : workflow.sourceShards()) {
                controls.setQueryServiceDisabled(workflow.sourceKeyspace(), source.shard(), TabletType.PRIMARY, stop);
            }
            return;
        }
        for (ShardPrimary source : workflow.sourceShards()) {
            controls.updateDeniedTables(source.keyspace(), source.shard(), TabletType.PRIMARY, workflow.tables(), !stop);
        }
        for (ShardPrimary target : workflow.targetShards()) {
            controls.updateDeniedTables(target.keyspace(), target.shard(), TabletType.PRIMARY, workflow.tables(), stop);
        }
    }

    private void cancelSwitch(WorkflowDescriptor workflow, List<ShardPrimary> participants, boolean reverseCreated) {
        try {
            if (reverseCreated) {
                workflow.sourceShards().forEach(source -> streams.delete(source, workflow.reverseName()));
            }
            stopSourceWrites(workflow, false);
            controls.refresh(participants);
            workflow.targetShards().forEach(target -> streams.start(target, workflow.name()));
        } catch (RuntimeException e) {
            log.error("cancelling the switch of workflow {}.{} failed; check the denied tables / query service of {} by hand: {}",
                    workflow.targetKeyspace(), workflow.name(), workflow.sourceKeyspace(), e.getMessage());
        }
    }

    /** The workflow that keeps the sources in step after the switch, starting at the targets' positions, stopped until routing moves. */
    private void createReverse(WorkflowDescriptor workflow, Map<String, String> targetPositions) {
        String reverse = workflow.reverseName();
        Keyspace sourceVSchema = topo.vschema(workflow.sourceKeyspace());
        for (ShardPrimary source : workflow.sourceShards()) {
            streams.delete(source, reverse);
            for (ShardPrimary target : workflow.targetShards()) {
                if (!KeyRanges.intersect(source.keyRange(), target.keyRange())) {
                    continue;
                }
                Filter filter;
                if (workflow.isReshard()) {
                    filter = WorkflowCreator.reshardFilter(sourceVSchema, source);
                } else {
                    Filter.Builder rules = Filter.newBuilder();
                    for (String table : workflow.tables()) {
                        rules.addRules(Rule.newBuilder().setMatch(table)
                                .setFilter(WorkflowCreator.moveTablesFilter(table, workflow.sourceKeyspace(), sourceVSchema, source)));
                    }
                    filter = rules.build();
                }
                BinlogSource binlogSource = BinlogSource.newBuilder()
                        .setKeyspace(workflow.targetKeyspace())
                        .setShard(target.shard())
                        .setFilter(filter)
                        .build();
                StreamRow template = workflow.streams().getFirst();
                streams.create(source, reverse, binlogSource, targetPositions.get(target.shard()), "Stopped", template.workflowType(),
                        template.workflowSubType(), false);
            }
        }
    }

    /** Milliseconds per step while writes are held, for the operator's log line. */
    private static final class PhaseTimer {
        private final Clock clock;
        private final StringBuilder phases = new StringBuilder();
        private Instant last;

        PhaseTimer(Clock clock) {
            this.clock = clock;
            this.last = clock.instant();
        }

        void mark(String phase) {
            Instant now = clock.instant();
            phases.append(phases.isEmpty() ? "" : ", ").append(phase).append(' ').append(Duration.between(last, now).toMillis()).append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return phases.toString();
        }
    }
}
