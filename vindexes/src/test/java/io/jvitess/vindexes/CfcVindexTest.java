package io.jvitess.vindexes;

import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.jvitess.vindexes.VindexTesting.HEX;
import static io.jvitess.vindexes.VindexTesting.mapOne;
import static io.jvitess.vindexes.VindexTesting.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CfcVindexTest {

    private static final SingleColumnVindex MD5_3_5 = single("cfc", Map.of("hash", "md5", "offsets", "[3,5]"));

    @Test
    void hashesEachComponentTruncatedToItsLength() {
        // md5(0cea02)[:3] + md5(0701)[:2] + md5(06)[:1]
        assertThat(mapOne(MD5_3_5, bytes("0cea02070106"))).isEqualTo("c3fd2df68906");
        assertThat(mapOne(MD5_3_5, bytes("0cea020701"))).isEqualTo("c3fd2df689");
        SingleColumnVindex xxhash = single("cfc", Map.of("hash", "xxhash64", "offsets", "[1]"));
        // xxhash("1") = d46405367612b4b7, xxhash("2") = 8b59801662b52160
        assertThat(mapOne(xxhash, SqlValue.ofString("12"))).isEqualTo("d48b");
    }

    @Test
    void withoutHashTheBytesAreTheKeyspaceId() {
        SingleColumnVindex identity = single("cfc");
        assertThat(mapOne(identity, SqlValue.ofString("abc"))).isEqualTo("616263");
        assertThat(identity.cost()).isEqualTo(1);
        assertThat(identity.isUnique()).isTrue();
    }

    @Test
    void rejectsValuesShorterThanTheLastOffset() {
        assertThatThrownBy(() -> MD5_3_5.map(null, List.of(bytes("0cea02"))))
                .isInstanceOf(VtException.class).hasMessage("insufficient size for cfc vindex cfc. need 5, got 3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // md5("abc") = 900150..., md5("de") = 5f02..., md5("a%c") = 43c178...
            "abc%|900150-900151",
            "ab%|-",
            "abcde|9001505f02-9001505f03",
            "abcdefgh%|9001505f02-9001505f03",
            "a\\%cde_|43c1785f02-43c1785f03",
    })
    void prefixVindexMapsLikePatternsToTheRangeOfCompleteComponents(String pattern, String expected) {
        SingleColumnVindex prefix = ((Prefixable) MD5_3_5).prefixVindex();
        assertThat(mapOne(prefix, SqlValue.ofString(pattern))).isEqualTo("range " + expected);
        assertThat(prefix.isUnique()).isFalse();
        assertThat(prefix.cost()).isEqualTo(2);
    }

    @Test
    void extractsTheLiteralPrefixOfLikePatterns() {
        assertThat(new String(CfcVindex.likePrefix("ab\\_c_d%".getBytes()))).isEqualTo("ab_c");
        assertThat(new String(CfcVindex.likePrefix("%x".getBytes()))).isEmpty();
        assertThat(new String(CfcVindex.likePrefix("plain".getBytes()))).isEqualTo("plain");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sha1|[1]|invalid hash function: sha1",
            "md5|''|CFC vindex requires offsets when hash is defined",
            "md5|[3,2]|Invalid offsets [3,2] for CFC vindex cfc. expected sorted positive ints in brackets, e.g. [2, 4, 8]",
            "md5|[0,2]|Invalid offsets [0,2] for CFC vindex cfc. expected sorted positive ints in brackets, e.g. [2, 4, 8]",
            "md5|[]|Invalid offsets [] for CFC vindex cfc. expected sorted positive ints in brackets, e.g. [2, 4, 8]",
            "md5|3|Invalid offsets 3 for CFC vindex cfc. expected sorted positive ints in brackets, e.g. [2, 4, 8]",
    })
    void rejectsBadParams(String hash, String offsets, String message) {
        Map<String, String> params = offsets.isEmpty() ? Map.of("hash", hash) : Map.of("hash", hash, "offsets", offsets);
        assertThatThrownBy(() -> single("cfc", params)).isInstanceOf(VtException.class).hasMessage(message);
    }

    private static SqlValue bytes(String hex) {
        return SqlValue.ofBytes(HEX.parseHex(hex));
    }
}
