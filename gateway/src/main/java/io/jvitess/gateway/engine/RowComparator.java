package io.jvitess.gateway.engine;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.Collation;
import io.jvitess.gateway.evaluation.Comparisons;
import io.jvitess.gateway.evaluation.SqlTypes;
import io.jvitess.proto.query.Field;

import java.util.Comparator;
import java.util.List;

/**
 * Orders rows by sort keys the way the shards' MySQL ordered them: numbers by value, text by
 * its weight_string() column when the route fetched one (MySQL's own collation order),
 * otherwise by the column's collation. NULLs first ascending, last descending.
 */
public final class RowComparator implements Comparator<List<SqlValue>> {

    private final List<OrderByParams> keys;
    private final int[] columns;
    private final int[] weightStringColumns;
    private final Collation[] collations;
    private final boolean[] numeric;

    public RowComparator(List<OrderByParams> keys, List<Field> fields) {
        this.keys = List.copyOf(keys);
        this.columns = new int[keys.size()];
        this.weightStringColumns = new int[keys.size()];
        this.collations = new Collation[keys.size()];
        this.numeric = new boolean[keys.size()];
        for (int index = 0; index < keys.size(); index++) {
            int column = keys.get(index).columnIn(fields.size());
            columns[index] = column;
            weightStringColumns[index] = keys.get(index).weightStringColumnIn(fields.size());
            Field field = column >= 0 && column < fields.size() ? fields.get(column) : Field.getDefaultInstance();
            collations[index] = Collation.forField(field);
            numeric[index] = SqlTypes.isNumber(field.getType());
        }
    }

    @Override
    public int compare(List<SqlValue> left, List<SqlValue> right) {
        for (int index = 0; index < keys.size(); index++) {
            OrderByParams key = keys.get(index);
            int comparison = compareKey(index, left, right);
            if (comparison != 0) {
                return key.descending() ? -comparison : comparison;
            }
        }
        return 0;
    }

    /** True if the rows are equal on every key (same group). */
    public boolean sameKeys(List<SqlValue> left, List<SqlValue> right) {
        for (int index = 0; index < keys.size(); index++) {
            if (compareKey(index, left, right) != 0) {
                return false;
            }
        }
        return true;
    }

    private int compareKey(int index, List<SqlValue> left, List<SqlValue> right) {
        SqlValue leftValue = left.get(columns[index]);
        SqlValue rightValue = right.get(columns[index]);
        if (leftValue.isNull() || rightValue.isNull()) {
            return Boolean.compare(!leftValue.isNull(), !rightValue.isNull());
        }
        int weightColumn = weightStringColumns[index];
        if (!numeric[index] && weightColumn >= 0 && weightColumn < left.size()) {
            SqlValue leftWeight = left.get(weightColumn);
            SqlValue rightWeight = right.get(weightColumn);
            if (!leftWeight.isNull() && !rightWeight.isNull()) {
                return leftWeight.compareBytes(rightWeight);
            }
        }
        return Comparisons.compare(leftValue, rightValue, collations[index]);
    }
}
