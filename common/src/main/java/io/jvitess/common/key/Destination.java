package io.jvitess.common.key;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.topodata.KeyRange;
import io.jvitess.proto.topodata.ShardReference;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Where a value routes: a keyspace id, a key range, named shards, any shard, every shard or none
 * (Vitess's key.Destination). {@link #resolve} turns it into shard names for a keyspace's serving shards.
 */
public sealed interface Destination {

    /** The shards covered, in the order of {@code shards} (which are in key-range order). */
    List<String> resolve(List<ShardReference> shards);

    /** Vitess's String() form, e.g. {@code DestinationKeyspaceID(166b40b44aba4bd6)}. */
    String describe();

    record KeyspaceId(byte[] id) implements Destination {
        public KeyspaceId {
            id = requireNonNull(id, "id is null").clone();
        }

        @Override
        public byte[] id() {
            return id.clone();
        }

        @Override
        public List<String> resolve(List<ShardReference> shards) {
            for (ShardReference shard : shards) {
                if (KeyRanges.contains(shard.getKeyRange(), id)) {
                    return List.of(shard.getName());
                }
            }
            throw new IllegalArgumentException("KeyspaceId " + HexFormat.of().formatHex(id) + " didn't match any shards");
        }

        @Override
        public String describe() {
            return "DestinationKeyspaceID(" + HexFormat.of().formatHex(id) + ")";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyspaceId that && java.util.Arrays.equals(id, that.id);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(id);
        }
    }

    record KeyspaceIds(List<byte[]> ids) implements Destination {
        public KeyspaceIds {
            ids = ids.stream().map(byte[]::clone).toList();
        }

        @Override
        public List<String> resolve(List<ShardReference> shards) {
            Set<String> names = new LinkedHashSet<>();
            for (byte[] id : ids) {
                names.addAll(new KeyspaceId(id).resolve(shards));
            }
            return order(shards, names);
        }

        @Override
        public String describe() {
            return "DestinationKeyspaceIDs(" + ids.stream().map(id -> HexFormat.of().formatHex(id)).collect(Collectors.joining(",")) + ")";
        }
    }

    record Range(KeyRange keyRange) implements Destination {
        public Range {
            requireNonNull(keyRange, "keyRange is null");
        }

        @Override
        public List<String> resolve(List<ShardReference> shards) {
            List<String> names = new ArrayList<>();
            for (ShardReference shard : shards) {
                if (KeyRanges.intersect(shard.getKeyRange(), keyRange)) {
                    names.add(shard.getName());
                }
            }
            return names;
        }

        @Override
        public String describe() {
            return "DestinationKeyRange(" + KeyRanges.format(keyRange) + ")";
        }
    }

    /** A key range that must start and end on shard boundaries (a {@code ks[range]} target). */
    record ExactRange(KeyRange keyRange) implements Destination {
        public ExactRange {
            requireNonNull(keyRange, "keyRange is null");
        }

        @Override
        public List<String> resolve(List<ShardReference> shards) {
            List<ShardReference> ordered = new ArrayList<>(shards);
            ordered.sort((first, second) -> KeyRanges.compareNormalized(
                    first.getKeyRange().getStart().toByteArray(), second.getKeyRange().getStart().toByteArray()));
            int index = 0;
            while (index < ordered.size() && !KeyRanges.keyRangeStartsEqual(keyRange, ordered.get(index).getKeyRange())) {
                index++;
            }
            List<String> names = new ArrayList<>();
            for (; index < ordered.size() && KeyRanges.intersect(keyRange, ordered.get(index).getKeyRange()); index++) {
                names.add(ordered.get(index).getName());
                if (KeyRanges.keyRangeEndsEqual(keyRange, ordered.get(index).getKeyRange())) {
                    return names;
                }
            }
            throw VtException.of(VtCode.INVALID_ARGUMENT, "keyrange %s does not exactly match shards", KeyRanges.format(keyRange));
        }

        @Override
        public String describe() {
            return "DestinationExactKeyRange(" + KeyRanges.format(keyRange) + ")";
        }
    }

    record Shard(String name) implements Destination {
        public Shard {
            requireNonNull(name, "name is null");
        }

        @Override
        public List<String> resolve(List<ShardReference> shards) {
            return List.of(name);
        }

        @Override
        public String describe() {
            return "DestinationShard(" + name + ")";
        }
    }

    record Shards(List<String> names) implements Destination {
        public Shards {
            names = List.copyOf(names);
        }

        @Override
        public List<String> resolve(List<ShardReference> shards) {
            return names;
        }

        @Override
        public String describe() {
            return "DestinationShards(" + String.join(",", names) + ")";
        }
    }

    record AnyShard() implements Destination {
        @Override
        public List<String> resolve(List<ShardReference> shards) {
            return shards.isEmpty() ? List.of() : List.of(shards.getFirst().getName());
        }

        @Override
        public String describe() {
            return "DestinationAnyShard()";
        }
    }

    record AllShards() implements Destination {
        @Override
        public List<String> resolve(List<ShardReference> shards) {
            return shards.stream().map(ShardReference::getName).toList();
        }

        @Override
        public String describe() {
            return "DestinationAllShards()";
        }
    }

    record None() implements Destination {
        @Override
        public List<String> resolve(List<ShardReference> shards) {
            return List.of();
        }

        @Override
        public String describe() {
            return "DestinationNone()";
        }
    }

    private static List<String> order(List<ShardReference> shards, Set<String> names) {
        return shards.stream().map(ShardReference::getName).filter(names::contains).toList();
    }
}
