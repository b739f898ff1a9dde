package io.jvitess.gateway.engine;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.BoundValue;
import io.jvitess.gateway.evaluation.EvalContext;
import io.jvitess.gateway.evaluation.EvalExpression;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * LIMIT [offset,] count over combined rows. The input is told {@value #UPPER_LIMIT} =
 * offset + count, so shards can return no more than that each.
 */
public record Limit(EvalExpression count, Optional<EvalExpression> offset, Primitive input) implements Primitive {

    public static final String UPPER_LIMIT = "__upper_limit";

    public Limit {
        requireNonNull(count, "count is null");
        requireNonNull(offset, "offset is null");
        requireNonNull(input, "input is null");
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        long countValue = evaluate(count, bindVariables);
        long offsetValue = offset.map(expression -> evaluate(expression, bindVariables)).orElse(0L);
        long upper = countValue > Long.MAX_VALUE - offsetValue ? Long.MAX_VALUE : countValue + offsetValue;
        ResultSet result = input.execute(context, bindVariables.with(UPPER_LIMIT, BoundValue.of(SqlValue.ofLong(upper))));
        List<List<SqlValue>> rows = result.rows();
        int from = (int) Math.min(offsetValue, rows.size());
        int to = (int) Math.min(upper, rows.size());
        return result.withRows(rows.subList(from, Math.max(from, to)));
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return input.fields(context, bindVariables.with(UPPER_LIMIT, BoundValue.of(SqlValue.ofLong(0))));
    }

    private static long evaluate(EvalExpression expression, BindVariables bindVariables) {
        SqlValue value = expression.evaluate(EvalContext.of(bindVariables));
        try {
            long number = Long.parseLong(value.text().trim());
            if (number < 0) {
                throw new NumberFormatException("negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "Incorrect arguments to LIMIT: %s", value.text());
        }
    }

    @Override
    public Map<String, Object> describe() {
        return Description.of("Limit")
                .put("Count", count.describe())
                .put("Offset", offset.map(EvalExpression::describe).orElse(null))
                .input(input)
                .build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of(input);
    }
}
