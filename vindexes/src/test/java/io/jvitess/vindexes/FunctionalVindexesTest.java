package io.jvitess.vindexes;

import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.jvitess.vindexes.VindexTesting.HEX;
import static io.jvitess.vindexes.VindexTesting.mapOne;
import static io.jvitess.vindexes.VindexTesting.single;
import static io.jvitess.vindexes.VindexTesting.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionalVindexesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int:1|166b40b44aba4bd6",
            "int:2|06e7ea22ce92708f",
            "int:3|4eb190c9a2fa169c",
            "int:4|d2fd8867d50d2dfe",
            "int:5|70bb023c810ca87a",
            "int:6|f098480ac4c4be71",
            "int:0|8ca64de9c1b123a7",
            "int:-1|355550b2150e2451",
            "uint:18446744073709551615|355550b2150e2451",
            "int:9223372036854775807|f77d48aadda1f1bb",
            "uint:9223372036854775807|f77d48aadda1f1bb",
            "int:-9223372036854775808|95f8a5e5dd31d900",
            "int:7|fb8baaad918119b8",
            "int:8|cc083f1e6d9e85f6",
            "int:9|692bb9bf752b0f58",
            "int:10|594764e1a2b2d98e",
            "int:100|83aab1569cbe1b08",
            "int:1000|1f7db68037e0ff5a",
            "int:255|254e882e6597f41d",
            "int:256|dd7c0bbd61fafd54",
            "1|166b40b44aba4bd6",
            "' 1 '|166b40b44aba4bd6",
            "int32:1|166b40b44aba4bd6",
            "null|none",
            "-1|none",
            "aa|none",
            "float:1.1|none",
            "uint:18446744073709551616|none",
    })
    void hashMapsLikeVitess(String input, String expected) {
        assertThat(mapOne(single("hash"), value(input))).isEqualTo(expected);
    }

    @Test
    void hashVerifiesAndReverses() {
        SingleColumnVindex hash = single("hash");
        assertThat(hash.verify(null, List.of(value("int:1"), value("int:2")), List.of(HEX.parseHex("166b40b44aba4bd6"), HEX.parseHex("166b40b44aba4bd6"))))
                .containsExactly(true, false);
        assertThatThrownBy(() -> hash.verify(null, List.of(value("aa")), List.of(new byte[8])))
                .isInstanceOf(VtException.class).hasMessage("cannot parse uint64 from \"aa\"");
        // Verify casts without the signed reinterpretation Map uses.
        assertThatThrownBy(() -> hash.verify(null, List.of(value("int:-1")), List.of(new byte[8])))
                .hasMessage("cannot parse uint64 from \"-1\"");

        Reversible reversible = (Reversible) hash;
        assertThat(reversible.reverseMap(List.of(HEX.parseHex("166b40b44aba4bd6"), HEX.parseHex("355550b2150e2451"))))
                .containsExactly(SqlValue.of(Type.UINT64, "1"), SqlValue.of(Type.UINT64, "18446744073709551615"));
        assertThatThrownBy(() -> reversible.reverseMap(List.of(HEX.parseHex("166b40b44aba4b"))))
                .isInstanceOf(VtException.class).hasMessage("invalid keyspace id: 166b40b44aba4b");
        assertThat(((Hashing) hash).hash(value("int:-1"))).isEqualTo(HEX.parseHex("355550b2150e2451"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "test1|d01ab7e4d6978f0b",
            "test2|87eb11714c0a0e89",
            "testaverylongvaluetomakesurethisworks|81d8c38e0d850e6a",
            "int:1|d46405367612b4b7",
            "1|d46405367612b4b7",
            "null|99e9d85137db46ef",
            "int:-1|d8e2a6a7c8c7623d",
            "uint:18446744073709551615|477cfa8d6d8f1f8d",
            "int:9223372036854775807|b37eb01f7bffafd8",
            "uint:9223372036854775807|b37eb01f7bffafd8",
            "int:-9223372036854775808|102c27ddb26a609e",
            "int:2|8b59801662b52160",
            "int:3|a42c16f52a7c1626",
            "int:4|896ba42c32143991",
            "int:5|ed48b60574b4816a",
            "int:6|f77c5a6468bd2e12",
            "int:7|b77a0da0b6524a18",
            "int:8|64c8aa7cbb6246ad",
            "int:9|9a02ee413eed351d",
            "int:10|177fb0a30e55484b",
            "int:1000|b3ca3518ba8fa46a",
            "int:1001|2887cb4140259609",
            "int:1002|2c12f20fcdf76644",
    })
    void xxhashMapsLikeVitess(String input, String expected) {
        assertThat(mapOne(single("xxhash"), value(input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "test1|7465737431",
            "test2|7465737432",
            "null|''",
            "hexval:x'8a1e'|8a1e",
            "hexnum:0x8a1e|8a1e",
            "bitnum:0b100000001|0101",
            "int:1|31",
    })
    void binaryMapsToTheValueBytes(String input, String expected) {
        assertThat(mapOne(single("binary"), value(input))).isEqualTo(expected);
    }

    @Test
    void binaryReversesAndMapsRanges() {
        SingleColumnVindex binary = single("binary");
        assertThat(((Reversible) binary).reverseMap(List.of(HEX.parseHex("7465737431"))))
                .containsExactly(new SqlValue(Type.VARBINARY, HEX.parseHex("7465737431")));
        assertThatThrownBy(() -> ((Reversible) binary).reverseMap(java.util.Collections.singletonList(null)))
                .hasMessage("Binary.ReverseMap: keyspaceId is nil");
        assertThat(((Sequential) binary).rangeMap(value("hexnum:0x01"), value("hexnum:0x10")).describe()).isEqualTo("DestinationKeyRange(01-10)");
        assertThat(binary.verify(null, List.of(value("test1"), value("test2")), List.of(HEX.parseHex("7465737431"), HEX.parseHex("7465737431"))))
                .containsExactly(true, false);
        assertThat(binary.cost()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "test1|5a105e8b9d40e1329780d62ea2265d8a",
            "TEST|033bd94b1168d7e4f0d644c3c95e35bf",
            "Test|0cbc6611f5540bd0809a388dc95a615b",
            "null|d41d8cd98f00b204e9800998ecf8427e",
            "int:1|c4ca4238a0b923820dcc509a6f75849b",
            "int:2|c81e728d9d4c2f636f067f89cc14862c",
    })
    void binaryMd5HashesTheValueBytes(String input, String expected) {
        assertThat(mapOne(single("binary_md5"), value(input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int:1|0000000000000001",
            "int:2|0000000000000002",
            "int:3|0000000000000003",
            "int:4|0000000000000004",
            "int:5|0000000000000005",
            "int:6|0000000000000006",
            "int:7|0000000000000007",
            "int:8|0000000000000008",
            "int32:8|0000000000000008",
            "uint:18446744073709551615|ffffffffffffffff",
            "float:1.1|none",
            "null|none",
            "int:-1|none",
    })
    void numericMapsToBigEndian(String input, String expected) {
        assertThat(mapOne(single("numeric"), value(input))).isEqualTo(expected);
    }

    @Test
    void numericReversesVerifiesAndMapsRanges() {
        SingleColumnVindex numeric = single("numeric");
        assertThat(((Reversible) numeric).reverseMap(List.of(HEX.parseHex("0000000000000001"))))
                .containsExactly(SqlValue.of(Type.UINT64, "1"));
        assertThatThrownBy(() -> ((Reversible) numeric).reverseMap(List.of(HEX.parseHex("0001"))))
                .hasMessage("Numeric.ReverseMap: length of keyspaceId is not 8: 2");
        assertThat(((Sequential) numeric).rangeMap(value("int:1"), value("int:10")).describe())
                .isEqualTo("DestinationKeyRange(0000000000000001-000000000000000a)");
        assertThat(numeric.verify(null, List.of(value("int:1"), value("int:2")), List.of(HEX.parseHex("0000000000000001"), HEX.parseHex("0000000000000001"))))
                .containsExactly(true, false);
        assertThatThrownBy(() -> numeric.verify(null, List.of(value("float:1.1")), List.of(new byte[8])))
                .hasMessage("unparsed tail left after parsing uint64 from \"1.1\": \".1\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int:1|8000000000000000",
            "int:2|4000000000000000",
            "int:3|c000000000000000",
            "int:4|2000000000000000",
            "int:5|a000000000000000",
            "int:6|6000000000000000",
            "null|none",
            "int:-1|none",
    })
    void reverseBitsReversesTheNumber(String input, String expected) {
        assertThat(mapOne(single("reverse_bits"), value(input))).isEqualTo(expected);
    }

    @Test
    void reverseBitsReverses() {
        Reversible reverseBits = (Reversible) single("reverse_bits");
        assertThat(reverseBits.reverseMap(List.of(HEX.parseHex("c000000000000000")))).containsExactly(SqlValue.of(Type.UINT64, "3"));
        assertThatThrownBy(() -> reverseBits.reverseMap(List.of(HEX.parseHex("c0")))).hasMessage("invalid keyspace id: c0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"int:1", "test1", "null", "float:1.1", "int:-1"})
    void nullVindexMapsEverythingToZero(String input) {
        SingleColumnVindex nullVindex = single("null");
        assertThat(mapOne(nullVindex, value(input))).isEqualTo("00");
        assertThat(nullVindex.verify(null, List.of(value(input), value(input)), List.of(new byte[1], new byte[] {1}))).containsExactly(true, false);
        assertThat(nullVindex.cost()).isEqualTo(100);
    }

    @Test
    void hashResolvesTheTutorialCustomersToShards() {
        List<io.jvitess.proto.topodata.ShardReference> shards = java.util.stream.Stream.of("-80", "80-")
                .map(name -> io.jvitess.proto.topodata.ShardReference.newBuilder().setName(name)
                        .setKeyRange(io.jvitess.common.key.KeyRanges.fromShardName(name)).build())
                .toList();
        List<Destination> destinations = single("hash").map(null, List.of(value("int:1"), value("int:2"), value("int:3"), value("int:4"), value("int:5")));
        assertThat(destinations).map(destination -> destination.resolve(shards).getFirst()).containsExactly("-80", "-80", "-80", "80-", "-80");
        List<Destination> xxhash = single("xxhash").map(null, List.of(value("int:1"), value("int:8"), value("int:1001")));
        assertThat(xxhash).map(destination -> destination.resolve(shards).getFirst()).containsExactly("80-", "-80", "-80");
    }
}
