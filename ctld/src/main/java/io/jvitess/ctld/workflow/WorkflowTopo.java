package io.jvitess.ctld.workflow;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.proto.topodata.KeyRange;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.topo.TopoErrorCode;
import io.jvitess.topo.TopoException;
import io.jvitess.topo.TopoServer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The topology reads workflows need: shards and their primaries, key-range overlap, VSchemas. */
final class WorkflowTopo {

    private final TopoServer topo;

    WorkflowTopo(TopoServer topo) {
        this.topo = requireNonNull(topo, "topo is null");
    }

    TopoServer topo() {
        return topo;
    }

    void requireKeyspace(String keyspace) {
        if (keyspace.isEmpty()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "keyspace name is required");
        }
        try {
            topo.getKeyspace(keyspace);
        } catch (TopoException e) {
            if (e.is(TopoErrorCode.NO_NODE)) {
                throw VtException.of(VtCode.NOT_FOUND, "keyspace %s not found", keyspace);
            }
            throw e;
        }
    }

    /** Every shard of the keyspace that has a primary, in key-range order. */
    List<ShardPrimary> primaries(String keyspace) {
        List<ShardPrimary> result = new ArrayList<>();
        for (String name : topo.getShardNames(keyspace)) {
            Shard shard = shard(keyspace, name);
            if (shard.hasPrimaryAlias()) {
                result.add(primary(keyspace, name, shard));
            }
        }
        result.sort(KEY_RANGE_ORDER);
        return result;
    }

    /** The named shards (or every primary-serving shard when {@code names} is empty), each with its primary. */
    List<ShardPrimary> shards(String keyspace, List<String> names, boolean servingWhenUnnamed) {
        List<ShardPrimary> result = new ArrayList<>();
        if (names.isEmpty()) {
            for (String name : topo.getShardNames(keyspace)) {
                Shard shard = shard(keyspace, name);
                if (!servingWhenUnnamed || shard.getIsPrimaryServing()) {
                    result.add(primary(keyspace, name, shard));
                }
            }
        } else {
            for (String name : names) {
                result.add(primary(keyspace, KeyRanges.normalizeShardName(name), shard(keyspace, KeyRanges.normalizeShardName(name))));
            }
        }
        result.sort(KEY_RANGE_ORDER);
        return result;
    }

    ShardPrimary primary(String keyspace, String name) {
        return primary(keyspace, name, shard(keyspace, name));
    }

    private ShardPrimary primary(String keyspace, String name, Shard shard) {
        if (!shard.hasPrimaryAlias()) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "shard %s/%s has no primary", keyspace, name);
        }
        Tablet primary = topo.getTablet(shard.getPrimaryAlias()).value();
        return new ShardPrimary(keyspace, name, shard, primary);
    }

    Shard shard(String keyspace, String name) {
        try {
            return topo.getShard(keyspace, name).value();
        } catch (TopoException e) {
            if (e.is(TopoErrorCode.NO_NODE)) {
                throw VtException.of(VtCode.NOT_FOUND, "shard %s/%s not found", keyspace, name);
            }
            throw e;
        }
    }

    Keyspace vschema(String keyspace) {
        try {
            return topo.getVSchema(keyspace);
        } catch (TopoException e) {
            if (e.is(TopoErrorCode.NO_NODE)) {
                return Keyspace.getDefaultInstance();
            }
            throw e;
        }
    }

    static final Comparator<ShardPrimary> KEY_RANGE_ORDER =
            Comparator.comparing(ShardPrimary::keyRange, KeyRanges.BY_START);

    /** True if the shards' ranges cover exactly the same key space (no gaps, same bounds). */
    static boolean sameCoverage(List<ShardPrimary> first, List<ShardPrimary> second) {
        return KeyRanges.format(union(first)).equals(KeyRanges.format(union(second))) && contiguous(first) && contiguous(second);
    }

    private static KeyRange union(List<ShardPrimary> shards) {
        return KeyRange.newBuilder()
                .setStart(shards.getFirst().keyRange().getStart())
                .setEnd(shards.getLast().keyRange().getEnd())
                .build();
    }

    private static boolean contiguous(List<ShardPrimary> shards) {
        for (int index = 1; index < shards.size(); index++) {
            if (!shards.get(index - 1).keyRange().getEnd().equals(shards.get(index).keyRange().getStart())) {
                return false;
            }
        }
        return true;
    }
}
