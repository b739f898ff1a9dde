package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLAggregateExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLNumberExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import io.jvitess.gateway.evaluation.SqlTypes;
import io.jvitess.gateway.vschema.Column;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides when vtgate asks the shards for {@code weight_string(x)} next to a sort or grouping
 * key x: whenever x may be text, so that rows from different shards are merged in the order
 * of x's MySQL collation. Numbers (declared in the VSchema, counts, numeric literals) need none.
 */
final class WeightStrings {

    private final Scope scope;

    WeightStrings(Scope scope) {
        this.scope = scope;
    }

    boolean needed(SQLExpr expression) {
        if (expression instanceof SQLIntegerExpr || expression instanceof SQLNumberExpr || expression instanceof SQLVariantRefExpr) {
            return false;
        }
        if (expression instanceof SQLAggregateExpr call) {
            String function = call.getMethodName().toLowerCase(Locale.ROOT);
            return !(function.equals("count") || function.equals("sum") || function.equals("avg"));
        }
        if (Expressions.isColumn(expression)) {
            Dependencies dependencies = Expressions.dependencies(expression, scope);
            if (dependencies.resolved() && dependencies.tables().size() == 1) {
                TableBinding binding = dependencies.tables().iterator().next();
                String name = Identifiers.columnKey(Expressions.columnName(expression));
                Optional<Column> declared = binding.table().flatMap(table -> table.columns().stream()
                        .filter(column -> column.name().equals(name)).findFirst());
                if (declared.isPresent() && (SqlTypes.isNumber(declared.get().type()) || SqlTypes.isTemporal(declared.get().type()))) {
                    return false;
                }
            }
        }
        return true;
    }
}
