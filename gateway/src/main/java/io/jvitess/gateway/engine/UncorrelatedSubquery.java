package io.jvitess.gateway.engine;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.BoundValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Runs a subquery first and hands its result to the outer query as bind variables: the value
 * ({@code :__sq1}), the list ({@code ::__sq1}) and whether it had rows ({@code :__sq_has_values1}).
 */
public record UncorrelatedSubquery(SubqueryOpcode opcode, String subqueryVariable, String hasValuesVariable, Primitive subquery,
                                   Primitive outer) implements Primitive {

    private static final SqlState SUBQUERY_RETURNS_MORE_THAN_ONE_ROW = new SqlState(1242, "21000");
    private static final SqlState OPERAND_COLUMNS = new SqlState(1241, "21000");

    public UncorrelatedSubquery {
        requireNonNull(opcode, "opcode is null");
        requireNonNull(subqueryVariable, "subqueryVariable is null");
        requireNonNull(hasValuesVariable, "hasValuesVariable is null");
        requireNonNull(subquery, "subquery is null");
        requireNonNull(outer, "outer is null");
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        return outer.execute(context, withSubqueryResult(context, bindVariables));
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return outer.fields(context, emptyResult(bindVariables));
    }

    private BindVariables withSubqueryResult(ExecutionContext context, BindVariables bindVariables) {
        ResultSet result = subquery.execute(context, bindVariables);
        List<List<SqlValue>> rows = result.rows();
        return switch (opcode) {
            case PULLOUT_VALUE -> {
                if (rows.size() > 1) {
                    throw VtException.of(VtCode.INVALID_ARGUMENT, SUBQUERY_RETURNS_MORE_THAN_ONE_ROW, "Subquery returns more than 1 row");
                }
                checkOneColumn(result);
                yield bindVariables.with(subqueryVariable, BoundValue.of(rows.isEmpty() ? SqlValue.NULL : rows.getFirst().getFirst()));
            }
            case PULLOUT_IN, PULLOUT_NOT_IN -> {
                checkOneColumn(result);
                List<SqlValue> values = new ArrayList<>(rows.size());
                for (List<SqlValue> row : rows) {
                    values.add(row.getFirst());
                }
                yield bindVariables.with(hasValuesVariable, BoundValue.of(SqlValue.ofLong(rows.isEmpty() ? 0 : 1)))
                        .with(subqueryVariable, BoundValue.ofList(values));
            }
            case PULLOUT_EXISTS -> bindVariables.with(hasValuesVariable, BoundValue.of(SqlValue.ofLong(rows.isEmpty() ? 0 : 1)));
        };
    }

    private BindVariables emptyResult(BindVariables bindVariables) {
        return bindVariables.with(hasValuesVariable, BoundValue.of(SqlValue.ofLong(0)))
                .with(subqueryVariable, opcode == SubqueryOpcode.PULLOUT_VALUE ? BoundValue.of(SqlValue.NULL) : BoundValue.ofList(List.of()));
    }

    private static void checkOneColumn(ResultSet result) {
        if (result.fields().size() > 1) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, OPERAND_COLUMNS, "Operand should contain 1 column(s)");
        }
    }

    @Override
    public Map<String, Object> describe() {
        return Description.of("UncorrelatedSubquery")
                .variant(opcode.displayName())
                .put("PulloutVars", opcode == SubqueryOpcode.PULLOUT_VALUE || opcode == SubqueryOpcode.PULLOUT_EXISTS
                        ? List.of(opcode == SubqueryOpcode.PULLOUT_VALUE ? subqueryVariable : hasValuesVariable)
                        : List.of(hasValuesVariable, subqueryVariable))
                .input(subquery)
                .input(outer)
                .build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of(subquery, outer);
    }
}
