package io.jvitess.common.sqltypes;

import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Unpacks the rows of a {@link QueryResult} (Vitess's packed encoding: lengths plus concatenated values, -1 = NULL). */
public final class QueryRows {

    private QueryRows() {
    }

    public static List<List<SqlValue>> of(QueryResult result) {
        List<List<SqlValue>> rows = new ArrayList<>(result.getRowsCount());
        for (Row row : result.getRowsList()) {
            byte[] packed = row.getValues().toByteArray();
            List<SqlValue> values = new ArrayList<>(row.getLengthsCount());
            int offset = 0;
            for (int column = 0; column < row.getLengthsCount(); column++) {
                long length = row.getLengths(column);
                if (length < 0) {
                    values.add(SqlValue.NULL);
                    continue;
                }
                Type type = column < result.getFieldsCount() ? result.getFields(column).getType() : Type.VARBINARY;
                values.add(new SqlValue(type, Arrays.copyOfRange(packed, offset, offset + (int) length)));
                offset += (int) length;
            }
            rows.add(values);
        }
        return rows;
    }
}
