package io.jvitess.gateway.evaluation;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * An expression vtgate evaluates itself: vindex values of a route, LIMIT counts, and the
 * filters and projections it applies to rows it combined from several shards. Immutable;
 * {@link #describe()} is the SQL-like text shown in plans.
 */
public sealed interface EvalExpression {

    SqlValue evaluate(EvalContext context);

    String describe();

    /** The values of a list expression ({@code (1, 2)} or {@code ::list}); a single value for anything else. */
    default List<SqlValue> evaluateList(EvalContext context) {
        return List.of(evaluate(context));
    }

    /** True if the expression needs no row (only literals and bind variables). */
    default boolean isConstant() {
        return true;
    }

    record Literal(SqlValue value) implements EvalExpression {
        public Literal {
            requireNonNull(value, "value is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            return value;
        }

        @Override
        public String describe() {
            return SqlLiterals.format(value);
        }
    }

    /** {@code :name}. */
    record BindVariableRef(String name) implements EvalExpression {
        public BindVariableRef {
            requireNonNull(name, "name is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            return context.bindVariables().single(name);
        }

        @Override
        public String describe() {
            return ":" + name;
        }
    }

    /** {@code ::name}, a list-valued bind variable. */
    record ListBindVariableRef(String name) implements EvalExpression {
        public ListBindVariableRef {
            requireNonNull(name, "name is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            throw VtException.of(VtCode.INTERNAL, "VT13001: [BUG] list bind variable %s used as a single value", name);
        }

        @Override
        public List<SqlValue> evaluateList(EvalContext context) {
            return context.bindVariables().list(name);
        }

        @Override
        public String describe() {
            return "::" + name;
        }
    }

    record TupleExpression(List<EvalExpression> elements) implements EvalExpression {
        public TupleExpression {
            elements = List.copyOf(elements);
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, SqlState.WRONG_VALUE_COUNT_ON_ROW, "Operand should contain 1 column(s)");
        }

        @Override
        public List<SqlValue> evaluateList(EvalContext context) {
            List<SqlValue> values = new ArrayList<>();
            for (EvalExpression element : elements) {
                values.addAll(element.evaluateList(context));
            }
            return values;
        }

        @Override
        public boolean isConstant() {
            return elements.stream().allMatch(EvalExpression::isConstant);
        }

        @Override
        public String describe() {
            return elements.stream().map(EvalExpression::describe).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** A column of the input row. */
    record ColumnRef(int offset, String name) implements EvalExpression {
        public ColumnRef {
            requireNonNull(name, "name is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            return context.column(offset);
        }

        @Override
        public boolean isConstant() {
            return false;
        }

        @Override
        public String describe() {
            return name;
        }
    }

    record Arithmetic(ArithmeticOperator operator, EvalExpression left, EvalExpression right) implements EvalExpression {
        public Arithmetic {
            requireNonNull(operator, "operator is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            return io.jvitess.gateway.evaluation.Arithmetic.apply(operator, left.evaluate(context), right.evaluate(context));
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        public String describe() {
            return left.describe() + " " + operator.symbol() + " " + right.describe();
        }
    }

    record Negate(EvalExpression operand) implements EvalExpression {
        public Negate {
            requireNonNull(operand, "operand is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            return io.jvitess.gateway.evaluation.Arithmetic.negate(operand.evaluate(context));
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant();
        }

        @Override
        public String describe() {
            return "-" + operand.describe();
        }
    }

    record Comparison(ComparisonOperator operator, EvalExpression left, EvalExpression right) implements EvalExpression {
        public Comparison {
            requireNonNull(operator, "operator is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            SqlValue leftValue = left.evaluate(context);
            SqlValue rightValue = right.evaluate(context);
            Collation collation = collationOf(context, left, right);
            if (operator == ComparisonOperator.NULL_SAFE_EQUAL) {
                if (leftValue.isNull() || rightValue.isNull()) {
                    return truth(leftValue.isNull() && rightValue.isNull());
                }
                return truth(Comparisons.compare(leftValue, rightValue, collation) == 0);
            }
            if (leftValue.isNull() || rightValue.isNull()) {
                return SqlValue.NULL;
            }
            return truth(operator.test(Comparisons.compare(leftValue, rightValue, collation)));
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        public String describe() {
            return left.describe() + " " + operator.symbol() + " " + right.describe();
        }
    }

    /**
     * SQL's three-valued AND (dominant false) and OR (dominant true): the dominant value wins even
     * over NULL, and the right side is not evaluated once the left side is dominant.
     */
    private static SqlValue threeValued(EvalExpression left, EvalExpression right, EvalContext context, boolean dominant) {
        Boolean leftValue = truthOf(left.evaluate(context));
        if (Boolean.valueOf(dominant).equals(leftValue)) {
            return truth(dominant);
        }
        Boolean rightValue = truthOf(right.evaluate(context));
        if (Boolean.valueOf(dominant).equals(rightValue)) {
            return truth(dominant);
        }
        return leftValue == null || rightValue == null ? SqlValue.NULL : truth(!dominant);
    }

    record And(EvalExpression left, EvalExpression right) implements EvalExpression {
        public And {
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            return threeValued(left, right, context, false);
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        public String describe() {
            return left.describe() + " and " + right.describe();
        }
    }

    record Or(EvalExpression left, EvalExpression right) implements EvalExpression {
        public Or {
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            return threeValued(left, right, context, true);
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        public String describe() {
            return "(" + left.describe() + " or " + right.describe() + ")";
        }
    }

    record Not(EvalExpression operand) implements EvalExpression {
        public Not {
            requireNonNull(operand, "operand is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            Boolean value = truthOf(operand.evaluate(context));
            return value == null ? SqlValue.NULL : truth(!value);
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant();
        }

        @Override
        public String describe() {
            return "not " + operand.describe();
        }
    }

    record IsNull(EvalExpression operand, boolean negated) implements EvalExpression {
        public IsNull {
            requireNonNull(operand, "operand is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            return truth(operand.evaluate(context).isNull() != negated);
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant();
        }

        @Override
        public String describe() {
            return operand.describe() + (negated ? " is not null" : " is null");
        }
    }

    /** {@code x [not] in (list)}: NULL when x is NULL, or when no match and the list holds a NULL. */
    record In(EvalExpression operand, EvalExpression list, boolean negated) implements EvalExpression {
        public In {
            requireNonNull(operand, "operand is null");
            requireNonNull(list, "list is null");
        }

        @Override
        public SqlValue evaluate(EvalContext context) {
            SqlValue value = operand.evaluate(context);
            if (value.isNull()) {
                return SqlValue.NULL;
            }
            Collation collation = collationOf(context, operand, list);
            boolean sawNull = false;
            for (SqlValue candidate : list.evaluateList(context)) {
                if (candidate.isNull()) {
                    sawNull = true;
                } else if (Comparisons.compare(value, candidate, collation) == 0) {
                    return truth(!negated);
                }
            }
            return sawNull ? SqlValue.NULL : truth(negated);
        }

        @Override
        public boolean isConstant() {
            return operand.isConstant() && list.isConstant();
        }

        @Override
        public String describe() {
            return operand.describe() + (negated ? " not in " : " in ") + list.describe();
        }
    }

    /** The few functions vtgate computes on combined rows. */
    record Function(String name, List<EvalExpression> arguments) implements EvalExpression {
        public Function {
            name = name.toLowerCase(Locale.ROOT);
            arguments = List.copyOf(arguments);
            if (!SUPPORTED_FUNCTIONS.contains(name)) {
                throw new IllegalArgumentException("function " + name + " is not evaluated by vtgate");
            }
        }

        public static final List<String> SUPPORTED_FUNCTIONS = List.of("coalesce", "ifnull", "abs", "lower", "upper", "concat");

        @Override
        public SqlValue evaluate(EvalContext context) {
            List<SqlValue> values = new ArrayList<>();
            for (EvalExpression argument : arguments) {
                values.add(argument.evaluate(context));
            }
            return switch (name) {
                case "coalesce", "ifnull" -> values.stream().filter(value -> !value.isNull()).findFirst().orElse(SqlValue.NULL);
                case "abs" -> values.getFirst().isNull() ? SqlValue.NULL
                        : Comparisons.compare(values.getFirst(), SqlValue.ofLong(0), Collation.BINARY) < 0
                        ? io.jvitess.gateway.evaluation.Arithmetic.negate(values.getFirst()) : values.getFirst();
                case "lower" -> values.getFirst().isNull() ? SqlValue.NULL : SqlValue.ofString(values.getFirst().text().toLowerCase(Locale.ROOT));
                case "upper" -> values.getFirst().isNull() ? SqlValue.NULL : SqlValue.ofString(values.getFirst().text().toUpperCase(Locale.ROOT));
                case "concat" -> values.stream().anyMatch(SqlValue::isNull) ? SqlValue.NULL
                        : SqlValue.ofString(values.stream().map(SqlValue::text).collect(Collectors.joining()));
                default -> throw new IllegalStateException("unknown function " + name);
            };
        }

        @Override
        public boolean isConstant() {
            return arguments.stream().allMatch(EvalExpression::isConstant);
        }

        @Override
        public String describe() {
            return name + arguments.stream().map(EvalExpression::describe).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** SQL truth of a value: NULL is unknown, numbers are true when non-zero, strings by their numeric prefix. */
    static Boolean truthOf(SqlValue value) {
        if (value.isNull()) {
            return null;
        }
        return Numbers.toDouble(value) != 0;
    }

    static SqlValue truth(boolean value) {
        return SqlValue.ofLong(value ? 1 : 0);
    }

    private static Collation collationOf(EvalContext context, EvalExpression left, EvalExpression right) {
        if (left instanceof ColumnRef column) {
            return context.collation(column.offset());
        }
        if (right instanceof ColumnRef column) {
            return context.collation(column.offset());
        }
        return Collation.CASE_INSENSITIVE;
    }
}
