package io.jvitess.gateway.engine;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.EvalContext;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.evaluation.SqlTypes;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Computes output columns from input rows in vtgate (e.g. {@code avg} as sum / count after a
 * cross-shard aggregation). A plain column keeps its input field; a computed column takes the
 * type of its first non-NULL value.
 */
public record Projection(List<EvalExpression> expressions, List<String> names, Primitive input) implements Primitive {

    public Projection {
        expressions = List.copyOf(expressions);
        names = List.copyOf(names);
        requireNonNull(input, "input is null");
        if (expressions.size() != names.size()) {
            throw new IllegalArgumentException("each projected expression needs a name");
        }
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        ResultSet result = input.execute(context, bindVariables);
        EvalContext evaluation = EvalContext.of(bindVariables);
        List<List<SqlValue>> rows = new ArrayList<>(result.rows().size());
        Type[] computedTypes = new Type[expressions.size()];
        for (List<SqlValue> row : result.rows()) {
            EvalContext rowContext = evaluation.withRow(result.fields(), row);
            List<SqlValue> projected = new ArrayList<>(expressions.size());
            for (int index = 0; index < expressions.size(); index++) {
                SqlValue value = expressions.get(index).evaluate(rowContext);
                if (computedTypes[index] == null && !value.isNull()) {
                    computedTypes[index] = value.type();
                }
                projected.add(value);
            }
            rows.add(projected);
        }
        List<Field> inputFields = result.fields().isEmpty() ? input.fields(context, bindVariables).fields() : result.fields();
        return new ResultSet(project(inputFields, computedTypes), rows, result.rowsAffected(), result.insertId());
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return ResultSet.of(project(input.fields(context, bindVariables).fields(), new Type[expressions.size()]), List.of());
    }

    private List<Field> project(List<Field> inputFields, Type[] computedTypes) {
        List<Field> fields = new ArrayList<>(expressions.size());
        for (int index = 0; index < expressions.size(); index++) {
            EvalExpression expression = expressions.get(index);
            Field.Builder field;
            if (expression instanceof EvalExpression.ColumnRef column && column.offset() < inputFields.size()) {
                field = inputFields.get(column.offset()).toBuilder();
            } else {
                field = Field.newBuilder().setType(computedTypes[index] != null ? computedTypes[index] : staticType(expression, inputFields));
            }
            fields.add(field.setName(names.get(index)).build());
        }
        return fields;
    }

    /** The type of a computed column that produced no value to learn it from. */
    private static Type staticType(EvalExpression expression, List<Field> inputFields) {
        return switch (expression) {
            case EvalExpression.Arithmetic arithmetic -> {
                Type left = staticType(arithmetic.left(), inputFields);
                Type right = staticType(arithmetic.right(), inputFields);
                if (SqlTypes.isFloat(left) || SqlTypes.isFloat(right)) {
                    yield Type.FLOAT64;
                }
                yield arithmetic.operator() == io.jvitess.gateway.evaluation.ArithmeticOperator.DIVIDE || left == Type.DECIMAL || right == Type.DECIMAL
                        ? Type.DECIMAL : Type.INT64;
            }
            case EvalExpression.ColumnRef column -> column.offset() < inputFields.size() ? inputFields.get(column.offset()).getType() : Type.NULL_TYPE;
            case EvalExpression.Literal literal -> literal.value().type();
            case EvalExpression.Comparison ignored -> Type.INT64;
            case EvalExpression.And ignored -> Type.INT64;
            case EvalExpression.Or ignored -> Type.INT64;
            case EvalExpression.Not ignored -> Type.INT64;
            case EvalExpression.IsNull ignored -> Type.INT64;
            case EvalExpression.In ignored -> Type.INT64;
            default -> Type.VARCHAR;
        };
    }

    @Override
    public Map<String, Object> describe() {
        List<String> described = new ArrayList<>();
        for (int index = 0; index < expressions.size(); index++) {
            String text = expressions.get(index).describe();
            described.add(text.equals(names.get(index)) ? text : text + " as " + names.get(index));
        }
        return Description.of("Projection").put("Expressions", described).input(input).build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of(input);
    }
}
