package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLInListExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLNotExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.expr.SQLUnaryExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import io.jvitess.gateway.evaluation.ArithmeticOperator;
import io.jvitess.gateway.evaluation.ComparisonOperator;
import io.jvitess.gateway.evaluation.EvalExpression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a Druid expression into one vtgate can evaluate, when it can: literals, bind variables,
 * arithmetic, comparisons, boolean logic, IS NULL, IN and a few functions. Column references
 * (and aggregates) are resolved by the caller.
 */
final class EvalConverter {

    private EvalConverter() {
    }

    /** For values that need no row: vindex values, LIMIT, INSERT values. */
    static Optional<EvalExpression> constant(SQLExpr expr) {
        return convert(expr, ignored -> Optional.empty());
    }

    static Optional<EvalExpression> convert(SQLExpr expr, Function<SQLExpr, Optional<EvalExpression>> columns) {
        Optional<EvalExpression> column = columns.apply(expr);
        if (column.isPresent()) {
            return column;
        }
        Optional<io.jvitess.common.sqltypes.SqlValue> literal = Literals.value(expr);
        if (literal.isPresent()) {
            return Optional.of(new EvalExpression.Literal(literal.get()));
        }
        return switch (expr) {
            case SQLVariantRefExpr variable -> variable(variable);
            case SQLUnaryExpr unary -> switch (unary.getOperator()) {
                case Negative -> convert(unary.getExpr(), columns).map(EvalExpression.Negate::new);
                case Plus -> convert(unary.getExpr(), columns);
                case Not, NOT -> convert(unary.getExpr(), columns).map(EvalExpression.Not::new);
                default -> Optional.empty();
            };
            case SQLNotExpr not -> convert(not.getExpr(), columns).map(EvalExpression.Not::new);
            case SQLBinaryOpExpr binary -> binary(binary, columns);
            case SQLInListExpr in -> in(in, columns);
            case SQLMethodInvokeExpr call -> function(call, columns);
            default -> Optional.empty();
        };
    }

    private static Optional<EvalExpression> variable(SQLVariantRefExpr variable) {
        String name = variable.getName();
        if (name.startsWith("::")) {
            return Optional.of(new EvalExpression.ListBindVariableRef(name.substring(2)));
        }
        if (name.startsWith(":")) {
            return Optional.of(new EvalExpression.BindVariableRef(name.substring(1)));
        }
        return Optional.empty();
    }

    private static Optional<EvalExpression> binary(SQLBinaryOpExpr binary, Function<SQLExpr, Optional<EvalExpression>> columns) {
        if ((binary.getOperator() == com.alibaba.druid.sql.ast.expr.SQLBinaryOperator.Is
                || binary.getOperator() == com.alibaba.druid.sql.ast.expr.SQLBinaryOperator.IsNot)
                && binary.getRight() instanceof SQLNullExpr) {
            boolean negated = binary.getOperator() == com.alibaba.druid.sql.ast.expr.SQLBinaryOperator.IsNot;
            return convert(binary.getLeft(), columns).map(operand -> new EvalExpression.IsNull(operand, negated));
        }
        Optional<EvalExpression> left = convert(binary.getLeft(), columns);
        Optional<EvalExpression> right = convert(binary.getRight(), columns);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        EvalExpression l = left.get();
        EvalExpression r = right.get();
        return switch (binary.getOperator()) {
            case Add -> Optional.of(new EvalExpression.Arithmetic(ArithmeticOperator.ADD, l, r));
            case Subtract -> Optional.of(new EvalExpression.Arithmetic(ArithmeticOperator.SUBTRACT, l, r));
            case Multiply -> Optional.of(new EvalExpression.Arithmetic(ArithmeticOperator.MULTIPLY, l, r));
            case Divide -> Optional.of(new EvalExpression.Arithmetic(ArithmeticOperator.DIVIDE, l, r));
            case DIV -> Optional.of(new EvalExpression.Arithmetic(ArithmeticOperator.INTEGER_DIVIDE, l, r));
            case Modulus, Mod -> Optional.of(new EvalExpression.Arithmetic(ArithmeticOperator.MODULO, l, r));
            case Equality -> Optional.of(new EvalExpression.Comparison(ComparisonOperator.EQUAL, l, r));
            case NotEqual, LessThanOrGreater -> Optional.of(new EvalExpression.Comparison(ComparisonOperator.NOT_EQUAL, l, r));
            case LessThan -> Optional.of(new EvalExpression.Comparison(ComparisonOperator.LESS, l, r));
            case LessThanOrEqual -> Optional.of(new EvalExpression.Comparison(ComparisonOperator.LESS_OR_EQUAL, l, r));
            case GreaterThan -> Optional.of(new EvalExpression.Comparison(ComparisonOperator.GREATER, l, r));
            case GreaterThanOrEqual -> Optional.of(new EvalExpression.Comparison(ComparisonOperator.GREATER_OR_EQUAL, l, r));
            case LessThanOrEqualOrGreaterThan -> Optional.of(new EvalExpression.Comparison(ComparisonOperator.NULL_SAFE_EQUAL, l, r));
            case BooleanAnd -> Optional.of(new EvalExpression.And(l, r));
            case BooleanOr -> Optional.of(new EvalExpression.Or(l, r));
            default -> Optional.empty();
        };
    }

    private static Optional<EvalExpression> in(SQLInListExpr in, Function<SQLExpr, Optional<EvalExpression>> columns) {
        Optional<EvalExpression> operand = convert(in.getExpr(), columns);
        if (operand.isEmpty()) {
            return Optional.empty();
        }
        List<SQLExpr> targets = in.getTargetList();
        if (targets.size() == 1 && targets.getFirst() instanceof SQLVariantRefExpr variable && variable.getName().startsWith("::")) {
            return Optional.of(new EvalExpression.In(operand.get(), new EvalExpression.ListBindVariableRef(variable.getName().substring(2)), in.isNot()));
        }
        List<EvalExpression> items = new ArrayList<>();
        for (SQLExpr target : targets) {
            Optional<EvalExpression> item = convert(target, columns);
            if (item.isEmpty()) {
                return Optional.empty();
            }
            items.add(item.get());
        }
        return Optional.of(new EvalExpression.In(operand.get(), new EvalExpression.TupleExpression(items), in.isNot()));
    }

    private static Optional<EvalExpression> function(SQLMethodInvokeExpr call, Function<SQLExpr, Optional<EvalExpression>> columns) {
        String name = call.getMethodName().toLowerCase(Locale.ROOT);
        if (!EvalExpression.Function.SUPPORTED_FUNCTIONS.contains(name) || call.getOwner() != null) {
            return Optional.empty();
        }
        List<EvalExpression> arguments = new ArrayList<>();
        for (SQLExpr argument : call.getArguments()) {
            Optional<EvalExpression> converted = convert(argument, columns);
            if (converted.isEmpty()) {
                return Optional.empty();
            }
            arguments.add(converted.get());
        }
        return Optional.of(new EvalExpression.Function(name, arguments));
    }
}
