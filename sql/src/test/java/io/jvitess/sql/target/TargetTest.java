package io.jvitess.sql.target;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.topodata.KeyRange;
import io.jvitess.proto.topodata.TabletType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TargetTest {

    private static final Optional<String> NO_SHARD = Optional.empty();
    private static final Optional<KeyRange> NO_RANGE = Optional.empty();
    private static final Optional<byte[]> NO_ID = Optional.empty();

    static Stream<Arguments> targets() {
        return Stream.of(
                arguments("", new Target("", NO_SHARD, NO_RANGE, NO_ID, TabletType.PRIMARY)),
                arguments("ks", new Target("ks", NO_SHARD, NO_RANGE, NO_ID, TabletType.PRIMARY)),
                arguments("ks@replica", new Target("ks", NO_SHARD, NO_RANGE, NO_ID, TabletType.REPLICA)),
                arguments("ks@REPLICA", new Target("ks", NO_SHARD, NO_RANGE, NO_ID, TabletType.REPLICA)),
                arguments("ks@master", new Target("ks", NO_SHARD, NO_RANGE, NO_ID, TabletType.PRIMARY)),
                arguments("ks@batch", new Target("ks", NO_SHARD, NO_RANGE, NO_ID, TabletType.RDONLY)),
                arguments("ks@bogus", new Target("ks", NO_SHARD, NO_RANGE, NO_ID, TabletType.UNKNOWN)),
                arguments("ks@", new Target("ks", NO_SHARD, NO_RANGE, NO_ID, TabletType.UNKNOWN)),
                arguments("@replica", new Target("", NO_SHARD, NO_RANGE, NO_ID, TabletType.REPLICA)),
                arguments("ks:-80", new Target("ks", Optional.of("-80"), NO_RANGE, NO_ID, TabletType.PRIMARY)),
                arguments("ks:0", new Target("ks", Optional.of("0"), NO_RANGE, NO_ID, TabletType.PRIMARY)),
                arguments("ks/80-@rdonly", new Target("ks", Optional.of("80-"), NO_RANGE, NO_ID, TabletType.RDONLY)),
                arguments("customer:-80@replica", new Target("customer", Optional.of("-80"), NO_RANGE, NO_ID, TabletType.REPLICA)),
                arguments("ks[10-20]", new Target("ks", NO_SHARD, Optional.of(range("10", "20")), NO_ID, TabletType.PRIMARY)),
                arguments("ks[-]", new Target("ks", NO_SHARD, Optional.of(range("", "")), NO_ID, TabletType.PRIMARY)),
                arguments("ks[-80]@replica", new Target("ks", NO_SHARD, Optional.of(range("", "80")), NO_ID, TabletType.REPLICA)),
                arguments("ks[deadbeef]", new Target("ks", NO_SHARD, NO_RANGE, Optional.of(HexFormat.of().parseHex("deadbeef")), TabletType.PRIMARY)),
                arguments("ks[DEADBEEF]@rdonly", new Target("ks", NO_SHARD, NO_RANGE, Optional.of(HexFormat.of().parseHex("deadbeef")), TabletType.RDONLY)));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void parses(String text, Target expected) {
        assertThat(Target.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                   | ''
            ks                   | ks
            ks@replica           | ks@replica
            ks@MASTER            | ks
            ks/80-@rdonly        | ks:80-@rdonly
            customer:-80@replica | customer:-80@replica
            ks[10-20]            | ks[10-20]
            ks[-]                | ks[-]
            ks[DEADBEEF]@replica | ks[deadbeef]@replica
            ks@bogus             | ks@unknown
            @replica             | @replica
            """)
    void formatsBackToText(String text, String formatted) {
        Target target = Target.parse(text);

        assertThat(target.format()).isEqualTo(formatted);
        assertThat(Target.parse(target.format())).isEqualTo(target);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ks[20-40-60]  | single keyrange expected in 20-40-60
            ks[qrnqorrs]  | expected valid hex in keyspace id qrnqorrs
            ks[abc]       | expected valid hex in keyspace id abc
            ks[10-20      | invalid key range provided. Couldn't find range end ']'
            ks[40-20]     | malformed spec: shard limits should be in order: "40-20"
            ks[zz-20]     | malformed spec: invalid hex in key range "zz-20"
            """)
    void rejectsMalformedDestinations(String text, String message) {
        assertThatThrownBy(() -> Target.parse(text))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.code()).isEqualTo(VtCode.INVALID_ARGUMENT);
                    assertThat(error.sqlState()).isEqualTo(SqlState.UNKNOWN_ERROR);
                })
                .hasMessage(message);
    }

    @Test
    void keepsTheKeyspaceIdImmutable() {
        byte[] id = {1, 2};
        Target target = new Target("ks", NO_SHARD, NO_RANGE, Optional.of(id), TabletType.PRIMARY);
        id[0] = 9;
        target.keyspaceId().orElseThrow()[1] = 9;

        assertThat(target.keyspaceId()).contains(new byte[]{1, 2});
        assertThat(target).isEqualTo(Target.parse("ks[0102]")).hasSameHashCodeAs(Target.parse("ks[0102]"));
    }

    @Test
    void allowsOnlyOneDestination() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Target("ks", Optional.of("-80"), Optional.of(range("", "80")), NO_ID, TabletType.PRIMARY));
    }

    private static KeyRange range(String start, String end) {
        return KeyRange.newBuilder()
                .setStart(ByteString.copyFrom(HexFormat.of().parseHex(start)))
                .setEnd(ByteString.copyFrom(HexFormat.of().parseHex(end)))
                .build();
    }
}
