package io.jvitess.tablet.vdiff;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.tablet.replication.GtidPosition;
import io.jvitess.tablet.vreplication.SourceResolver;
import io.jvitess.tablet.vreplication.VReplicationEngine;
import io.jvitess.tablet.vreplication.VReplicationState;
import io.jvitess.tablet.vstreamer.RowStreamer;
import io.jvitess.tablet.vstreamer.SourceEndpoint;
import io.jvitess.tablet.vstreamer.TablePlan;
import io.jvitess.tablet.vstreamer.TableRules;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Vitess's VDiff initialization (§8.4) for one table: stop the workflow's streams, open a consistent
 * snapshot on each stream's source (GTID S_i), run each stream to exactly S_i with {@code stop_pos},
 * snapshot the target, and put the streams back. Both sides then hold the same logical point in time,
 * however busy the source is.
 */
final class StreamSynchronizer {

    /** Vitess marks the forward workflow's streams with this message once writes are switched. */
    static final String FROZEN = "FROZEN";
    private static final Duration POLL = Duration.ofMillis(100);

    private final VDiffStore store;
    private final VReplicationEngine vreplication;
    private final SourceResolver sources;
    private final Function<String, Keyspace> vschemas;
    private final SourceEndpoint local;

    StreamSynchronizer(VDiffStore store, VReplicationEngine vreplication, SourceResolver sources, Function<String, Keyspace> vschemas,
                       SourceEndpoint local) {
        this.store = requireNonNull(store, "store is null");
        this.vreplication = requireNonNull(vreplication, "vreplication is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.vschemas = requireNonNull(vschemas, "vschemas is null");
        this.local = requireNonNull(local, "local is null");
    }

    /** The workflow's streams on this tablet, refusing workflows a vdiff cannot be run on. */
    List<WorkflowStream> streams(String workflow) {
        List<WorkflowStream> streams = store.streams(workflow);
        if (streams.isEmpty()) {
            throw VtException.of(VtCode.NOT_FOUND, "no vreplication streams found for workflow %s in database %s", workflow,
                    store.databaseName());
        }
        for (WorkflowStream stream : streams) {
            if (stream.message().equals(FROZEN)) {
                throw VtException.of(VtCode.FAILED_PRECONDITION, "workflow %s is frozen (writes were switched): diff %s_reverse instead",
                        workflow, workflow);
            }
            if (stream.state() == VReplicationState.Init || stream.state() == VReplicationState.Copying || stream.position().isEmpty()
                    || store.copying(stream.id())) {
                throw VtException.of(VtCode.FAILED_PRECONDITION,
                        "stream %d of workflow %s is still copying (state %s): vdiff needs the copy phase to be complete",
                        stream.id(), workflow, stream.state().name());
            }
        }
        return streams;
    }

    /** The plan each stream's rules give {@code table}; streams whose rules skip the table are left out. */
    List<StreamPlan> plans(List<WorkflowStream> streams, String table) {
        List<StreamPlan> plans = new ArrayList<>();
        for (WorkflowStream stream : streams) {
            new TableRules(stream.source().keyspace(), stream.source().rules(), vschemas).planFor(table)
                    .ifPresent(plan -> plans.add(new StreamPlan(stream, plan)));
        }
        return plans;
    }

    /** A stream and its filter for one table. */
    record StreamPlan(WorkflowStream stream, TablePlan plan) {
    }

    /**
     * Takes the consistent snapshots for {@code table}. The streams are back in their previous states
     * when this returns or throws; if the tablet dies in between, {@link #restore} puts them back later.
     */
    DiffSnapshot snapshot(VDiffRecord vdiff, String table, Cancellation cancellation) {
        List<WorkflowStream> streams = streams(vdiff.workflow());
        List<StreamPlan> plans = plans(streams, table);
        if (plans.isEmpty()) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "table %s is not replicated by any stream of workflow %s", table,
                    vdiff.workflow());
        }
        List<HeldStreams.Held> held = HeldStreams.of(streams);
        store.setStreamStates(vdiff.id(), HeldStreams.encode(held));
        DiffSnapshot snapshot;
        try {
            snapshot = synchronize(streams, plans, Duration.ofSeconds(vdiff.options().getFilteredReplicationWaitTimeSeconds()),
                    vdiff.workflow(), cancellation);
        } catch (RuntimeException e) {
            try {
                restore(vdiff.id(), held);
            } catch (RuntimeException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
        try {
            restore(vdiff.id(), held);
        } catch (RuntimeException e) {
            snapshot.close();
            throw e;
        }
        return snapshot;
    }

    private DiffSnapshot synchronize(List<WorkflowStream> streams, List<StreamPlan> plans, Duration wait, String workflow,
                                     Cancellation cancellation) {
        List<DiffSnapshot.Source> opened = new ArrayList<>();
        try {
            vreplication.exec("UPDATE _vt.vreplication SET state = 'Stopped', message = 'for vdiff' WHERE id IN ("
                    + streams.stream().map(stream -> Integer.toString(stream.id())).collect(Collectors.joining(", ")) + ")");
            for (StreamPlan plan : plans) {
                opened.add(new DiffSnapshot.Source(plan.stream(), plan.plan(), openSource(plan.stream())));
            }
            for (DiffSnapshot.Source source : opened) {
                vreplication.exec("UPDATE _vt.vreplication SET state = 'Running', stop_pos = " + hex(source.snapshot().position().format())
                        + ", message = 'synchronizing for vdiff' WHERE id = " + source.stream().id());
            }
            awaitStopPositions(workflow, opened, wait, cancellation);
            return new DiffSnapshot(opened, RowStreamer.open(local));
        } catch (RuntimeException e) {
            opened.forEach(source -> source.snapshot().close());
            throw e;
        }
    }

    private RowStreamer openSource(WorkflowStream stream) {
        String keyspace = stream.source().keyspace();
        String shard = stream.source().shard();
        try {
            return RowStreamer.open(sources.resolve(keyspace, shard));
        } catch (RuntimeException e) {
            throw VtException.of(VtCode.UNAVAILABLE, "cannot open a snapshot on source %s/%s of stream %d: %s", keyspace, shard,
                    stream.id(), e.getMessage());
        }
    }

    /** Puts held streams back to what they were doing and forgets them. */
    void restore(long vdiffId, List<HeldStreams.Held> held) {
        for (HeldStreams.Held stream : held) {
            vreplication.exec(stream.restoreSql());
        }
        store.setStreamStates(vdiffId, null);
    }

    /** Waits until every stream is Stopped exactly at its source snapshot's position. */
    private void awaitStopPositions(String workflow, List<DiffSnapshot.Source> opened, Duration wait, Cancellation cancellation) {
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            cancellation.check();
            Optional<String> waitingFor = Optional.empty();
            for (DiffSnapshot.Source source : opened) {
                int id = source.stream().id();
                GtidPosition stopPosition = source.snapshot().position();
                VDiffStore.StreamStatus status = store.streamStatus(id).orElseThrow(() -> VtException.of(VtCode.NOT_FOUND,
                        "stream %d of workflow %s was deleted during the vdiff", id, workflow));
                boolean reached = GtidPosition.parse(status.position()).atLeast(stopPosition);
                if (status.state() == VReplicationState.Stopped && !reached) {
                    throw VtException.of(VtCode.ABORTED, "stream %d of workflow %s stopped at %s before reaching %s: %s", id, workflow,
                            status.position(), stopPosition.format(), status.message());
                }
                if (status.state() != VReplicationState.Stopped && waitingFor.isEmpty()) {
                    waitingFor = Optional.of(String.format("stream %d to reach source position %s (at %s, state %s%s)", id,
                            stopPosition.format(), status.position(), status.state().name(),
                            status.message().isEmpty() ? "" : ": " + status.message()));
                }
            }
            if (waitingFor.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw VtException.of(VtCode.DEADLINE_EXCEEDED, "timed out after %ds (filtered_replication_wait_time) waiting for %s",
                        wait.toSeconds(), waitingFor.get());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw VtException.of(VtCode.CANCELED, "interrupted waiting for %s", waitingFor.get());
            }
        }
    }

    /** A hex literal: safe for any bytes in an SQL string without escaping rules. */
    static String hex(String text) {
        return "X'" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)) + "'";
    }
}
