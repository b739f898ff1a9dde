package io.jvitess.common.key;

import io.jvitess.common.errors.VtException;
import io.jvitess.proto.topodata.ShardReference;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DestinationTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<ShardReference> FOUR_SHARDS = shards("-40", "40-80", "80-c0", "c0-");

    @Test
    void describesLikeVitess() {
        assertThat(new Destination.KeyspaceId(HEX.parseHex("166b40b44aba4bd6")).describe()).isEqualTo("DestinationKeyspaceID(166b40b44aba4bd6)");
        assertThat(new Destination.KeyspaceIds(List.of(HEX.parseHex("01"), HEX.parseHex("02"))).describe()).isEqualTo("DestinationKeyspaceIDs(01,02)");
        assertThat(new Destination.Range(KeyRanges.fromShardName("01-10")).describe()).isEqualTo("DestinationKeyRange(01-10)");
        assertThat(new Destination.Range(KeyRanges.fromShardName("-")).describe()).isEqualTo("DestinationKeyRange(-)");
        assertThat(new Destination.ExactRange(KeyRanges.fromShardName("40-80")).describe()).isEqualTo("DestinationExactKeyRange(40-80)");
        assertThat(new Destination.Shard("-80").describe()).isEqualTo("DestinationShard(-80)");
        assertThat(new Destination.Shards(List.of("a", "b")).describe()).isEqualTo("DestinationShards(a,b)");
        assertThat(new Destination.AnyShard().describe()).isEqualTo("DestinationAnyShard()");
        assertThat(new Destination.AllShards().describe()).isEqualTo("DestinationAllShards()");
        assertThat(new Destination.None().describe()).isEqualTo("DestinationNone()");
    }

    @Test
    void resolvesKeyspaceIdsAndRanges() {
        assertThat(new Destination.KeyspaceId(HEX.parseHex("166b40b44aba4bd6")).resolve(FOUR_SHARDS)).containsExactly("-40");
        assertThat(new Destination.KeyspaceId(HEX.parseHex("d2fd8867d50d2dfe")).resolve(FOUR_SHARDS)).containsExactly("c0-");
        assertThat(new Destination.KeyspaceId(HEX.parseHex("80")).resolve(FOUR_SHARDS)).containsExactly("80-c0");
        assertThat(new Destination.KeyspaceIds(List.of(HEX.parseHex("c1"), HEX.parseHex("01"), HEX.parseHex("02"))).resolve(FOUR_SHARDS))
                .containsExactly("-40", "c0-");
        assertThat(new Destination.Range(KeyRanges.fromShardName("30-90")).resolve(FOUR_SHARDS)).containsExactly("-40", "40-80", "80-c0");
        assertThat(new Destination.Range(KeyRanges.fromShardName("-")).resolve(FOUR_SHARDS)).hasSize(4);
        assertThat(new Destination.None().resolve(FOUR_SHARDS)).isEmpty();
        assertThat(new Destination.AllShards().resolve(FOUR_SHARDS)).containsExactly("-40", "40-80", "80-c0", "c0-");
        assertThat(new Destination.AnyShard().resolve(FOUR_SHARDS)).containsExactly("-40");
    }

    @Test
    void resolvesExactRangesOnlyOnShardBoundaries() {
        assertThat(new Destination.ExactRange(KeyRanges.fromShardName("40-c0")).resolve(FOUR_SHARDS)).containsExactly("40-80", "80-c0");
        assertThat(new Destination.ExactRange(KeyRanges.fromShardName("-")).resolve(FOUR_SHARDS)).containsExactly("-40", "40-80", "80-c0", "c0-");
        assertThat(new Destination.ExactRange(KeyRanges.fromShardName("c0-")).resolve(FOUR_SHARDS)).containsExactly("c0-");
        assertThatThrownBy(() -> new Destination.ExactRange(KeyRanges.fromShardName("40-90")).resolve(FOUR_SHARDS))
                .isInstanceOf(VtException.class).hasMessage("keyrange 40-90 does not exactly match shards");
        assertThatThrownBy(() -> new Destination.ExactRange(KeyRanges.fromShardName("50-80")).resolve(FOUR_SHARDS))
                .isInstanceOf(VtException.class).hasMessage("keyrange 50-80 does not exactly match shards");
    }

    @Test
    void rejectsKeyspaceIdOutsideEveryShard() {
        assertThatThrownBy(() -> new Destination.KeyspaceId(HEX.parseHex("90")).resolve(shards("-80")))
                .hasMessage("KeyspaceId 90 didn't match any shards");
    }

    private static List<ShardReference> shards(String... names) {
        return java.util.Arrays.stream(names)
                .map(name -> ShardReference.newBuilder().setName(name).setKeyRange(KeyRanges.fromShardName(name)).build())
                .toList();
    }
}
