package io.jvitess.gateway.engine;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.proto.query.Field;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** Picks (and reorders) columns of its input. */
public record SimpleProjection(List<Integer> columns, Primitive input) implements Primitive {

    public SimpleProjection {
        columns = List.copyOf(columns);
        requireNonNull(input, "input is null");
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        ResultSet result = input.execute(context, bindVariables);
        List<List<SqlValue>> rows = new ArrayList<>(result.rows().size());
        for (List<SqlValue> row : result.rows()) {
            List<SqlValue> projected = new ArrayList<>(columns.size());
            for (int column : columns) {
                projected.add(row.get(column));
            }
            rows.add(projected);
        }
        return new ResultSet(project(result.fields()), rows, result.rowsAffected(), result.insertId());
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return ResultSet.of(project(input.fields(context, bindVariables).fields()), List.of());
    }

    private List<Field> project(List<Field> fields) {
        if (fields.isEmpty()) {
            return fields;
        }
        List<Field> projected = new ArrayList<>(columns.size());
        for (int column : columns) {
            projected.add(fields.get(column));
        }
        return projected;
    }

    @Override
    public Map<String, Object> describe() {
        return Description.of("SimpleProjection")
                .put("Columns", columns.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .input(input)
                .build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of(input);
    }
}
