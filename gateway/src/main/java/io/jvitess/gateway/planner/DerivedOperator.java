package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import io.jvitess.gateway.engine.Filter;
import io.jvitess.gateway.engine.Primitive;
import io.jvitess.gateway.evaluation.EvalExpression;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A derived table ({@code from (select ...) as d}) that needs vtgate's own work (cross-shard
 * aggregation, a join, a limit): its plan runs first, and the outer query reads its columns,
 * filtering rows in vtgate.
 */
final class DerivedOperator implements Operator {

    private final Scope scope;
    private final TableBinding binding;
    private final Primitive inner;
    private final List<String> columnNames;
    private final List<SQLExpr> predicates = new ArrayList<>();

    DerivedOperator(Scope scope, TableBinding binding, Primitive inner, List<String> columnNames) {
        this.scope = requireNonNull(scope, "scope is null");
        this.binding = requireNonNull(binding, "binding is null");
        this.inner = requireNonNull(inner, "inner is null");
        this.columnNames = List.copyOf(columnNames);
    }

    /** The derived table's column names as its query gives them (for {@code select *}). */
    List<String> columnNames() {
        return columnNames;
    }

    @Override
    public Set<TableBinding> tables() {
        return Set.of(binding);
    }

    @Override
    public void addPredicate(SQLExpr predicate) {
        predicates.add(predicate);
    }

    @Override
    public int addColumn(SQLExpr expression) {
        return columnOf(expression).orElseThrow(() -> Unsupported.of("expression %s on derived table %s evaluated in vtgate",
                SqlPrinter.print(expression), binding.name()));
    }

    @Override
    public int addWeightString(SQLExpr expression) {
        return -1;
    }

    private Optional<Integer> columnOf(SQLExpr expression) {
        if (!Expressions.isColumn(expression)) {
            return Optional.empty();
        }
        Dependencies dependencies = Expressions.dependencies(expression, scope);
        if (!dependencies.tables().equals(Set.of(binding))) {
            return Optional.empty();
        }
        int index = binding.derivedColumns().indexOf(Identifiers.columnKey(Expressions.columnName(expression)));
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    @Override
    public int columnCount() {
        return binding.derivedColumns().size();
    }

    @Override
    public Primitive build() {
        if (predicates.isEmpty()) {
            return inner;
        }
        EvalExpression combined = null;
        for (SQLExpr predicate : predicates) {
            EvalExpression converted = EvalConverter.convert(predicate, expression -> columnOf(expression)
                            .map(index -> (EvalExpression) new EvalExpression.ColumnRef(index, SqlPrinter.print(expression))))
                    .orElseThrow(() -> Unsupported.of("predicate %s on derived table %s evaluated in vtgate", SqlPrinter.print(predicate),
                            binding.name()));
            combined = combined == null ? converted : new EvalExpression.And(combined, converted);
        }
        return new Filter(combined, 0, inner);
    }
}
