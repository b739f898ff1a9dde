package io.jvitess.tablet.vdiff;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyOrderTest {

    private static List<List<SqlValue>> sorted(KeyOrder order, List<List<SqlValue>> keys) {
        List<List<SqlValue>> copy = new ArrayList<>(keys);
        copy.sort(order);
        return copy;
    }

    private static List<SqlValue> key(SqlValue... values) {
        return List.of(values);
    }

    private static SqlValue bytes(int... values) {
        byte[] raw = new byte[values.length];
        for (int index = 0; index < values.length; index++) {
            raw[index] = (byte) values[index];
        }
        return SqlValue.ofBytes(raw);
    }

    @Test
    void integersCompareNumericallyIncludingUnsignedBeyondLong() {
        KeyOrder order = new KeyOrder(List.of(KeyOrder.column("bigint", null)));
        SqlValue huge = SqlValue.of(Type.UINT64, "18446744073709551615");
        SqlValue large = SqlValue.of(Type.UINT64, "9223372036854775808");
        assertThat(sorted(order, List.of(key(SqlValue.ofLong(10)), key(huge), key(SqlValue.ofLong(-3)), key(large), key(SqlValue.ofLong(2)))))
                .containsExactly(key(SqlValue.ofLong(-3)), key(SqlValue.ofLong(2)), key(SqlValue.ofLong(10)), key(large), key(huge));
    }

    @Test
    void binaryKeysCompareAsUnsignedBytesWithPrefixesFirst() {
        KeyOrder order = new KeyOrder(List.of(KeyOrder.column("varbinary", null)));
        assertThat(sorted(order, List.of(key(bytes(0xff)), key(bytes(0x61, 0x00)), key(bytes(0x7f)), key(bytes(0x61)), key(bytes(0x80)))))
                .containsExactly(key(bytes(0x61)), key(bytes(0x61, 0x00)), key(bytes(0x7f)), key(bytes(0x80)), key(bytes(0xff)));
    }

    @Test
    void compositeKeysCompareColumnByColumn() {
        KeyOrder order = new KeyOrder(List.of(KeyOrder.column("varbinary", null), KeyOrder.column("int", null)));
        assertThat(sorted(order, List.of(key(SqlValue.ofBytes("b".getBytes()), SqlValue.ofLong(1)),
                key(SqlValue.ofBytes("a".getBytes()), SqlValue.ofLong(10)), key(SqlValue.ofBytes("a".getBytes()), SqlValue.ofLong(9)))))
                .containsExactly(key(SqlValue.ofBytes("a".getBytes()), SqlValue.ofLong(9)),
                        key(SqlValue.ofBytes("a".getBytes()), SqlValue.ofLong(10)), key(SqlValue.ofBytes("b".getBytes()), SqlValue.ofLong(1)));
    }

    @Test
    void decimalsCompareByValue() {
        KeyOrder order = new KeyOrder(List.of(KeyOrder.column("decimal", null)));
        assertThat(order.compare(key(SqlValue.ofString("9.50")), key(SqlValue.ofString("10.1")))).isNegative();
        assertThat(order.compare(key(SqlValue.ofString("1.0")), key(SqlValue.ofString("1.00")))).isZero();
    }

    @Test
    void caseInsensitiveCollationsIgnoreCaseAccentsAndTrailingSpaces() {
        KeyOrder order = new KeyOrder(List.of(KeyOrder.column("varchar", "utf8mb4_general_ci")));
        assertThat(sorted(order, List.of(key(SqlValue.ofString("c")), key(SqlValue.ofString("B")), key(SqlValue.ofString("é")),
                key(SqlValue.ofString("a")))))
                .containsExactly(key(SqlValue.ofString("a")), key(SqlValue.ofString("B")), key(SqlValue.ofString("c")),
                        key(SqlValue.ofString("é")));
        assertThat(order.compare(key(SqlValue.ofString("abc  ")), key(SqlValue.ofString("abc")))).isZero();
        KeyOrder noPad = new KeyOrder(List.of(KeyOrder.column("varchar", "utf8mb4_0900_ai_ci")));
        assertThat(noPad.compare(key(SqlValue.ofString("abc ")), key(SqlValue.ofString("abc")))).isPositive();
    }

    @Test
    void binCollationsCompareByCodePoint() {
        KeyOrder order = new KeyOrder(List.of(KeyOrder.column("varchar", "utf8mb4_bin")));
        assertThat(sorted(order, List.of(key(SqlValue.ofString("a")), key(SqlValue.ofString("B")), key(SqlValue.ofString("é")))))
                .containsExactly(key(SqlValue.ofString("B")), key(SqlValue.ofString("a")), key(SqlValue.ofString("é")));
    }
}
