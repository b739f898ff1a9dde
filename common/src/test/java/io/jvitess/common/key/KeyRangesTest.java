package io.jvitess.common.key;

import io.jvitess.common.errors.VtException;
import io.jvitess.proto.topodata.KeyRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRangesTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|-",
            "2|-80,80-",
            "3|-55,55-aa,aa-",
            "4|-40,40-80,80-c0,c0-",
            "7|-24,24-49,49-6d,6d-92,92-b6,b6-db,db-",
            "8|-20,20-40,40-60,60-80,80-a0,a0-c0,c0-e0,e0-",
            "16|-10,10-20,20-30,30-40,40-50,50-60,60-70,70-80,80-90,90-a0,a0-b0,b0-c0,c0-d0,d0-e0,e0-f0,f0-",
    })
    void generatesShardRanges(int count, String expected) {
        assertThat(KeyRanges.generateShardRanges(count)).containsExactly(expected.split(","));
    }

    @Test
    void generatesWideShardRanges() {
        List<String> twoHundredFiftySix = KeyRanges.generateShardRanges(256);
        assertThat(twoHundredFiftySix).hasSize(256).startsWith("-01", "01-02").endsWith("fe-ff", "ff-");

        List<String> fiveHundredTwelve = KeyRanges.generateShardRanges(512);
        assertThat(fiveHundredTwelve).hasSize(512).startsWith("-0080", "0080-0100").endsWith("ff80-");

        List<String> maximum = KeyRanges.generateShardRanges(65536);
        assertThat(maximum).hasSize(65536).startsWith("-0001").endsWith("ffff-");
        assertThat(maximum).allMatch(KeyRanges::isValidShardName);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|shards must be greater than zero",
            "-3|shards must be greater than zero",
            "65537|this function does not support more than 65336 shards in a single keyspace",
    })
    void rejectsShardCountsOutOfRange(int count, String message) {
        assertThatThrownBy(() -> KeyRanges.generateShardRanges(count)).isInstanceOf(VtException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-|-",
            "0|-",
            "-80-|-80,80-",
            "-40-80-c0-|-40,40-80,80-c0,c0-",
            "40-80|40-80",
            "-4000-8000-|-4000,4000-8000,8000-",
    })
    void parsesShardingSpecs(String spec, String expected) {
        assertThat(KeyRanges.parseShardingSpec(spec)).extracting(KeyRanges::format).containsExactly(expected.split(","));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "80|malformed spec: doesn't define a range: \"80\"",
            "-80--|malformed spec: MinKey/MaxKey cannot be in the middle of the spec: \"-80--\"",
            "--80|malformed spec: MinKey/MaxKey cannot be in the middle of the spec: \"--80\"",
            "80-40|malformed spec: shard limits should be in order: \"80-40\"",
            "-80-80|malformed spec: shard limits should be in order: \"-80-80\"",
            "-8x|encoding/hex: invalid byte: U+0078 'x'",
            "-800|encoding/hex: odd length hex string",
    })
    void rejectsMalformedShardingSpecs(String spec, String message) {
        assertThatThrownBy(() -> KeyRanges.parseShardingSpec(spec)).isInstanceOf(VtException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|1|-",
            "0|2|-80",
            "1|2|80-",
            "1|4|40-80",
            "255|256|ff-",
            "254|256|fe-ff",
            "256|512|8000-8080",
            "0|512|-0080",
            "511|512|ff80-",
    })
    void computesEvenShardKeyRanges(int index, int count, String expected) {
        assertThat(KeyRanges.format(KeyRanges.evenShardsKeyRange(index, count))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0|the shard count must be > 0: 0",
            "2|2|the index of the shard must be less than the total number of shards: 2 < 2",
            "0|3|the shard count must be a power of two: 3",
    })
    void rejectsUnevenShardRequests(int index, int count, String message) {
        assertThatThrownBy(() -> KeyRanges.evenShardsKeyRange(index, count)).isInstanceOf(VtException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // id | shard | contained
            "''|-|true",
            "80|-|true",
            "00|-80|true",
            "7fffffffffffffff|-80|true",
            "80|-80|false",
            "8000000000000000|-80|false",
            "80|80-|true",
            "8000000000000000|80-|true",
            "7f|80-|false",
            "40|40-80|true",
            "4000|40-80|true",
            "3fff|40-80|false",
            "80|40-80|false",
            "800000|40-8000|false",
            "7fffff|40-8000|true",
            "''|40-80|false",
            "''|-80|true",
            "ff|80-|true",
    })
    void containsUsesLeftJustifiedIds(String id, String shard, boolean contained) {
        assertThat(KeyRanges.contains(KeyRanges.fromShardName(shard), HEX.parseHex(id))).isEqualTo(contained);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-|-|true",
            "-80|80-|false",
            "-80|40-c0|true",
            "40-80|80-c0|false",
            "40-80|7f-c0|true",
            "-8000|80-|false",
            "-80|-40|true",
            "c0-|80-|true",
            "c0-|-c0|false",
            "c0-|-c001|true",
            "40-80|50-60|true",
            "40-80|-|true",
    })
    void intersectsRanges(String first, String second, boolean intersect) {
        KeyRange firstRange = KeyRanges.fromShardName(first);
        KeyRange secondRange = KeyRanges.fromShardName(second);
        assertThat(KeyRanges.intersect(firstRange, secondRange)).isEqualTo(intersect);
        assertThat(KeyRanges.intersect(secondRange, firstRange)).isEqualTo(intersect);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-80|00-80|true|true",
            "-80|0000-8000|true|true",
            "-|0|true|true",
            "-80|-8000|true|true",
            "40-80|4000-c0|true|false",
            "-80|80-|false|false",
            "80-|80-ff|true|false",
            "-80|40-80|false|true",
    })
    void comparesRangeBoundsLeftJustified(String first, String second, boolean startsEqual, boolean endsEqual) {
        KeyRange firstRange = KeyRanges.fromShardName(first);
        KeyRange secondRange = KeyRanges.fromShardName(second);
        assertThat(KeyRanges.keyRangeStartsEqual(firstRange, secondRange)).isEqualTo(startsEqual);
        assertThat(KeyRanges.keyRangeEndsEqual(firstRange, secondRange)).isEqualTo(endsEqual);
        assertThat(KeyRanges.equal(firstRange, secondRange)).isEqualTo(startsEqual && endsEqual);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "80|8000000000000000|0",
            "80|80|0",
            "''|0000|0",
            "7f|80|-1",
            "80ff|80|1",
            "ff|0100|1",
            "01|0100|0",
    })
    void comparesNormalizedIds(String left, String right, int sign) {
        assertThat(Integer.signum(KeyRanges.compareNormalized(HEX.parseHex(left), HEX.parseHex(right)))).isEqualTo(sign);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "00-", "-80", "40-80", "80-", "a0-", "-A0", "0", "4000-8000", "0000-"})
    void acceptsValidShardNames(String name) {
        assertThat(KeyRanges.isValidShardName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "11", "-1", "-111", "1-2", "x-80", "-80x", "80-40-", "0-"})
    void rejectsInvalidShardNames(String name) {
        assertThat(KeyRanges.isValidShardName(name)).isFalse();
    }

    @Test
    void normalizesShardNamesAndTreatsZeroAsFullRange() {
        assertThat(KeyRanges.normalizeShardName("-A0")).isEqualTo("-a0");
        assertThat(KeyRanges.format(KeyRanges.fromShardName("-A0"))).isEqualTo("-a0");
        assertThat(KeyRanges.fromShardName("0")).isEqualTo(KeyRanges.fromShardName("-"));
        assertThat(KeyRanges.format(KeyRanges.fromShardName("0"))).isEqualTo("-");
        assertThat(KeyRanges.isRangeBased("0")).isFalse();
        assertThat(KeyRanges.isRangeBased("-80")).isTrue();
    }

    @Test
    void rejectsOutOfOrderShardNames() {
        assertThatThrownBy(() -> KeyRanges.fromShardName("80-40")).hasMessage("out of order keyrange: 80-40");
        assertThatThrownBy(() -> KeyRanges.fromShardName("1-2")).hasMessage("invalid shard name: '1-2'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "166b40|166b40-166b41",
            "01|01-02",
            "01ff|01ff-0200",
            "ff|ff-",
            "ffff|ffff-",
            "''|-",
    })
    void buildsRangesFromPrefixes(String prefix, String expected) {
        assertThat(KeyRanges.format(KeyRanges.fromPrefix(HEX.parseHex(prefix)))).isEqualTo(expected);
    }
}
