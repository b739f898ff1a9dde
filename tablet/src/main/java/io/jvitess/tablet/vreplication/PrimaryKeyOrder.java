package io.jvitess.tablet.vreplication;

import io.jvitess.common.sqltypes.SqlValue;

import java.util.Arrays;
import java.util.List;

/** Orders primary key tuples as the copy phase reads them: integers numerically, other values by their bytes. */
final class PrimaryKeyOrder {

    private PrimaryKeyOrder() {
    }

    static int compare(List<SqlValue> left, List<SqlValue> right) {
        for (int index = 0; index < Math.min(left.size(), right.size()); index++) {
            int result = compare(left.get(index), right.get(index));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static int compare(SqlValue left, SqlValue right) {
        if (left.isNull() || right.isNull()) {
            return Boolean.compare(!left.isNull(), !right.isNull());
        }
        if (left.isIntegral() && right.isIntegral()) {
            return left.toBigInteger().compareTo(right.toBigInteger());
        }
        return Arrays.compareUnsigned(left.raw(), right.raw());
    }
}
