package io.jvitess.gateway.srvtopo;

import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.SrvVSchema;
import io.jvitess.topo.TopoException;
import io.jvitess.topo.TopoServer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * vtgate's cached view of the serving graph of its cell: keyspace names, each keyspace's
 * SrvKeyspace, and the SrvVSchema. Entries are re-read after a short time to live, so changes
 * (new keyspaces, ApplyVSchema, resharding) are seen within about a second without a restart.
 */
public final class ServingGraph {

    private record Cached<T>(T value, Instant readAt) {
    }

    private final TopoServer topo;
    private final String cell;
    private final Duration timeToLive;
    private final Clock clock;
    private final Map<String, Cached<Optional<SrvKeyspace>>> srvKeyspaces = new ConcurrentHashMap<>();
    private volatile Cached<List<String>> keyspaceNames;
    private volatile Cached<SrvVSchema> vschema;

    public ServingGraph(TopoServer topo, String cell, Duration timeToLive, Clock clock) {
        this.topo = requireNonNull(topo, "topo is null");
        this.cell = requireNonNull(cell, "cell is null");
        this.timeToLive = requireNonNull(timeToLive, "timeToLive is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public String cell() {
        return cell;
    }

    /** Keyspaces served in this cell, sorted. */
    public List<String> keyspaceNames() {
        Cached<List<String>> current = keyspaceNames;
        if (stale(current)) {
            current = new Cached<>(readOrDefault(() -> topo.getSrvKeyspaceNames(cell).stream().sorted().toList(), List.of()), clock.instant());
            keyspaceNames = current;
        }
        return current.value();
    }

    public boolean hasKeyspace(String keyspace) {
        return keyspaceNames().contains(keyspace) || srvKeyspace(keyspace).isPresent();
    }

    public Optional<SrvKeyspace> srvKeyspace(String keyspace) {
        Cached<Optional<SrvKeyspace>> current = srvKeyspaces.get(keyspace);
        if (stale(current)) {
            current = new Cached<>(readOrDefault(() -> Optional.of(topo.getSrvKeyspace(cell, keyspace)), Optional.empty()), clock.instant());
            srvKeyspaces.put(keyspace, current);
        }
        return current.value();
    }

    /** The shards serving a tablet type, in key-range order (empty if the keyspace is unknown). */
    public List<ShardReference> shards(String keyspace, TabletType type) {
        return srvKeyspace(keyspace)
                .flatMap(srv -> srv.getPartitionsList().stream().filter(partition -> partition.getServedType() == type).findFirst())
                .map(SrvKeyspace.KeyspacePartition::getShardReferencesList)
                .orElse(List.of());
    }

    /**
     * True when this cell's SrvKeyspace has a partition for {@code type} that lists shards but no longer {@code shard}:
     * a reshard moved that type's traffic to other shards. An unknown keyspace or type gives false.
     */
    public boolean shardMovedAway(String keyspace, String shard, TabletType type) {
        List<ShardReference> serving = shards(keyspace, type);
        return !serving.isEmpty() && serving.stream().noneMatch(reference -> reference.getName().equals(shard));
    }

    public SrvVSchema vschema() {
        Cached<SrvVSchema> current = vschema;
        if (stale(current)) {
            current = new Cached<>(readOrDefault(() -> topo.getSrvVSchema(cell), SrvVSchema.getDefaultInstance()), clock.instant());
            vschema = current;
        }
        return current.value();
    }

    /** Forgets everything cached, e.g. after this vtgate saw a routing error. */
    public void invalidate() {
        srvKeyspaces.clear();
        keyspaceNames = null;
        vschema = null;
    }

    /**
     * Forgets what was read more than {@code maxAge} ago: callers that poll for a topology change (many requests
     * waiting out a traffic switch) see it within {@code maxAge} while the topo is read at most once per {@code maxAge}.
     */
    public void invalidateOlderThan(Duration maxAge) {
        Instant oldest = clock.instant().minus(maxAge);
        srvKeyspaces.values().removeIf(cached -> cached.readAt().isBefore(oldest));
        Cached<List<String>> names = keyspaceNames;
        if (names != null && names.readAt().isBefore(oldest)) {
            keyspaceNames = null;
        }
        Cached<SrvVSchema> srvVSchema = vschema;
        if (srvVSchema != null && srvVSchema.readAt().isBefore(oldest)) {
            vschema = null;
        }
    }

    private boolean stale(Cached<?> cached) {
        return cached == null || cached.readAt().plus(timeToLive).isBefore(clock.instant());
    }

    private static <T> T readOrDefault(Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (TopoException e) {
            return fallback;
        }
    }
}
