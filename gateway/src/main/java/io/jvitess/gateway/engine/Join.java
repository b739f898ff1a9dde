package io.jvitess.gateway.engine;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.BoundValue;
import io.jvitess.proto.query.Field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Nested-loop join across shards: runs the left input once, then the right input once per left
 * row with that row's values bound as join variables. {@code columns} picks the output: -n is
 * left column n-1, +n is right column n-1 (Vitess's encoding, shown as {@code L:0,R:1}).
 * A left join emits a left row with NULLs when the right side returns nothing.
 */
public record Join(boolean leftJoin, Primitive left, Primitive right, List<Integer> columns, Map<String, Integer> variables)
        implements Primitive {

    public Join {
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        columns = List.copyOf(columns);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        for (int column : columns) {
            if (column == 0) {
                throw new IllegalArgumentException("join column 0 is not valid: use -n for left and +n for right");
            }
        }
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        ResultSet leftResult = left.execute(context, bindVariables);
        List<List<SqlValue>> rows = new ArrayList<>();
        List<Field> rightFields = null;
        for (List<SqlValue> leftRow : leftResult.rows()) {
            ResultSet rightResult = right.execute(context, bindVariables.withAll(joinVariables(leftRow)));
            if (rightFields == null && !rightResult.fields().isEmpty()) {
                rightFields = rightResult.fields();
            }
            if (rightResult.rows().isEmpty() && leftJoin) {
                rows.add(combine(leftRow, null));
            }
            for (List<SqlValue> rightRow : rightResult.rows()) {
                rows.add(combine(leftRow, rightRow));
            }
        }
        if (rightFields == null) {
            rightFields = right.fields(context, bindVariables.withAll(nullVariables())).fields();
        }
        List<Field> leftFields = leftResult.fields().isEmpty() ? left.fields(context, bindVariables).fields() : leftResult.fields();
        return ResultSet.of(combineFields(leftFields, rightFields), rows);
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        List<Field> leftFields = left.fields(context, bindVariables).fields();
        List<Field> rightFields = right.fields(context, bindVariables.withAll(nullVariables())).fields();
        return ResultSet.of(combineFields(leftFields, rightFields), List.of());
    }

    private Map<String, BoundValue> joinVariables(List<SqlValue> leftRow) {
        Map<String, BoundValue> bound = new LinkedHashMap<>();
        variables.forEach((name, offset) -> bound.put(name, BoundValue.of(leftRow.get(offset))));
        return bound;
    }

    private Map<String, BoundValue> nullVariables() {
        Map<String, BoundValue> bound = new LinkedHashMap<>();
        variables.keySet().forEach(name -> bound.put(name, BoundValue.of(SqlValue.NULL)));
        return bound;
    }

    private List<SqlValue> combine(List<SqlValue> leftRow, List<SqlValue> rightRow) {
        List<SqlValue> row = new ArrayList<>(columns.size());
        for (int column : columns) {
            if (column < 0) {
                row.add(leftRow.get(-column - 1));
            } else {
                row.add(rightRow == null ? SqlValue.NULL : rightRow.get(column - 1));
            }
        }
        return row;
    }

    private List<Field> combineFields(List<Field> leftFields, List<Field> rightFields) {
        List<Field> fields = new ArrayList<>(columns.size());
        for (int column : columns) {
            List<Field> side = column < 0 ? leftFields : rightFields;
            int offset = Math.abs(column) - 1;
            fields.add(offset < side.size() ? side.get(offset) : Field.newBuilder().setName("").build());
        }
        return fields;
    }

    @Override
    public Map<String, Object> describe() {
        return Description.of("Join")
                .variant(leftJoin ? "LeftJoin" : "Join")
                .put("JoinColumnIndexes", columns.stream().map(column -> (column < 0 ? "L:" : "R:") + (Math.abs(column) - 1))
                        .collect(Collectors.joining(",")))
                .put("JoinVars", variables.isEmpty() ? null : new TreeMap<>(variables))
                .input(left)
                .input(right)
                .build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of(left, right);
    }
}
