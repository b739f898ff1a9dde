package io.jvitess.gateway.engine;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.EvalContext;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.evaluation.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Keeps the rows for which the predicate is true (HAVING after cross-shard aggregation, WHERE over a join). */
public record Filter(EvalExpression predicate, int truncateColumnCount, Primitive input) implements Primitive {

    public Filter {
        requireNonNull(predicate, "predicate is null");
        requireNonNull(input, "input is null");
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        ResultSet result = input.execute(context, bindVariables);
        EvalContext evaluation = EvalContext.of(bindVariables);
        List<List<SqlValue>> rows = new ArrayList<>();
        for (List<SqlValue> row : result.rows()) {
            SqlValue value = predicate.evaluate(evaluation.withRow(result.fields(), row));
            if (!value.isNull() && Numbers.toDouble(value) != 0) {
                rows.add(row);
            }
        }
        return result.withRows(rows).truncateColumns(truncateColumnCount);
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return input.fields(context, bindVariables).truncateColumns(truncateColumnCount);
    }

    @Override
    public Map<String, Object> describe() {
        Description description = Description.of("Filter").put("Predicate", predicate.describe());
        if (truncateColumnCount > 0) {
            description.put("ResultColumns", truncateColumnCount);
        }
        return description.input(input).build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of(input);
    }
}
