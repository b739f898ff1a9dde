package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import io.jvitess.gateway.engine.Filter;
import io.jvitess.gateway.engine.Join;
import io.jvitess.gateway.engine.Primitive;
import io.jvitess.gateway.evaluation.EvalExpression;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A nested-loop join of two operators that cannot run as one query. Predicates that compare
 * both sides are pushed to the right side with the left side's columns as join variables
 * ({@code :u_id}). WHERE predicates on the inner side of a LEFT JOIN are applied after the join.
 */
final class JoinOperator implements Operator {

    private final PlanningContext context;
    private final Scope scope;
    private final Operator left;
    private final Operator right;
    private final boolean leftJoin;
    private final List<Integer> columns = new ArrayList<>();
    private final Map<String, Integer> columnOffsets = new HashMap<>();
    private final Map<String, Integer> variables = new LinkedHashMap<>();
    private final Map<String, String> variableByColumn = new HashMap<>();
    private final List<SQLExpr> afterJoin = new ArrayList<>();

    JoinOperator(PlanningContext context, Scope scope, Operator left, Operator right, boolean leftJoin) {
        this.context = requireNonNull(context, "context is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
        this.leftJoin = leftJoin;
    }

    Operator left() {
        return left;
    }

    Operator right() {
        return right;
    }

    boolean leftJoin() {
        return leftJoin;
    }

    @Override
    public Set<TableBinding> tables() {
        Set<TableBinding> all = new LinkedHashSet<>(left.tables());
        all.addAll(right.tables());
        return all;
    }

    @Override
    public void addPredicate(SQLExpr predicate) {
        Dependencies dependencies = Expressions.dependencies(predicate, scope);
        if (!dependencies.resolved()) {
            throw Scope.ambiguousColumn(dependencies.unresolvedColumns().getFirst());
        }
        if (left.tables().containsAll(dependencies.tables())) {
            left.addPredicate(predicate);
        } else if (leftJoin) {
            afterJoin.add(predicate);
        } else if (right.tables().containsAll(dependencies.tables())) {
            right.addPredicate(predicate);
        } else {
            addJoinPredicate(predicate);
        }
    }

    /** A predicate of the join condition: evaluated on the right side for each left row. */
    void addJoinPredicate(SQLExpr predicate) {
        Dependencies dependencies = Expressions.dependencies(predicate, scope);
        if (!dependencies.resolved()) {
            throw Scope.ambiguousColumn(dependencies.unresolvedColumns().getFirst());
        }
        if (right.tables().containsAll(dependencies.tables()) && !dependencies.tables().isEmpty()) {
            right.addPredicate(predicate);
            return;
        }
        right.addPredicate(bindLeftColumns(predicate));
    }

    /** Replaces the left side's columns with join variables, fetching them from the left side. */
    private SQLExpr bindLeftColumns(SQLExpr predicate) {
        SQLExpr copy = predicate.clone();
        List<SQLExpr> references = new ArrayList<>();
        copy.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLIdentifierExpr x) {
                references.add(x);
                return false;
            }

            @Override
            public boolean visit(SQLPropertyExpr x) {
                references.add(x);
                return false;
            }

            @Override
            public boolean visit(SQLSelect x) {
                return false;
            }
        });
        SQLExpr result = copy;
        for (SQLExpr reference : references) {
            Dependencies dependencies = Expressions.dependencies(reference, scope);
            if (dependencies.tables().size() != 1 || !left.tables().containsAll(dependencies.tables())) {
                continue;
            }
            SQLVariantRefExpr variable = new BindVariableExpr(":" + joinVariable(reference, dependencies.tables().iterator().next()));
            if (reference == copy) {
                result = variable;
            } else {
                SQLUtils.replaceInParent(reference, variable);
            }
        }
        return result;
    }

    private String joinVariable(SQLExpr column, TableBinding binding) {
        String key = SqlPrinter.print(column);
        String known = variableByColumn.get(key);
        if (known != null) {
            return known;
        }
        String name = context.reserveJoinVariable(binding.name() + "_" + Expressions.columnName(column));
        variables.put(name, left.addColumn(column));
        variableByColumn.put(key, name);
        return name;
    }

    @Override
    public int addColumn(SQLExpr expression) {
        return add(expression, expression, false);
    }

    @Override
    public int addWeightString(SQLExpr expression) {
        return add(RouteOperator.weightString(expression), expression, true);
    }

    private int add(SQLExpr requested, SQLExpr dependencySource, boolean weightString) {
        String key = SqlPrinter.print(requested);
        Integer known = columnOffsets.get(key);
        if (known != null) {
            return known;
        }
        Dependencies dependencies = Expressions.dependencies(dependencySource, scope);
        if (!dependencies.resolved()) {
            throw Scope.ambiguousColumn(dependencies.unresolvedColumns().getFirst());
        }
        int column;
        if (left.tables().containsAll(dependencies.tables())) {
            column = -(weightString ? left.addWeightString(dependencySource) : left.addColumn(dependencySource)) - 1;
        } else if (right.tables().containsAll(dependencies.tables())) {
            int offset = weightString ? right.addWeightString(dependencySource) : right.addColumn(dependencySource);
            if (offset < 0) {
                return -1;
            }
            column = offset + 1;
        } else {
            throw Unsupported.of("cross-shard expression %s: its columns come from both sides of a join", SqlPrinter.print(dependencySource));
        }
        columns.add(column);
        columnOffsets.put(key, columns.size() - 1);
        return columns.size() - 1;
    }

    @Override
    public int columnCount() {
        return Math.max(1, columns.size());
    }

    @Override
    public Primitive build() {
        List<EvalExpression> filters = new ArrayList<>();
        for (SQLExpr predicate : afterJoin) {
            Optional<EvalExpression> converted = EvalConverter.convert(predicate, expression -> Expressions.isColumn(expression)
                    ? Optional.of(new EvalExpression.ColumnRef(add(expression, expression, false), SqlPrinter.print(expression)))
                    : Optional.empty());
            filters.add(converted.orElseThrow(() -> Unsupported.of("predicate %s on the inner side of a cross-shard LEFT JOIN",
                    SqlPrinter.print(predicate))));
        }
        Primitive leftPrimitive = left.build();
        Primitive rightPrimitive = right.build();
        List<Integer> output = columns.isEmpty() ? List.of(-1) : columns;
        Primitive join = new Join(leftJoin, leftPrimitive, rightPrimitive, output, variables);
        if (filters.isEmpty()) {
            return join;
        }
        EvalExpression predicate = filters.getFirst();
        for (EvalExpression next : filters.subList(1, filters.size())) {
            predicate = new EvalExpression.And(predicate, next);
        }
        return new Filter(predicate, 0, join);
    }
}
