package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLLimit;
import com.alibaba.druid.sql.ast.SQLOrderBy;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLInListExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLNumberExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLSelectGroupByClause;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.BoundValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces literals with bind variables ({@code :vtg1}, and {@code ::vtg1} for an IN list of
 * literals) so that queries differing only in values share one cached plan. Literals in select
 * expressions (they name result columns) and in GROUP BY / ORDER BY (positions) stay.
 */
public final class Normalizer {

    public static final String PREFIX = "vtg";

    private Normalizer() {
    }

    /** Rewrites the statement in place and returns the values taken out of it. */
    public static BindVariables normalize(SQLStatement statement) {
        Map<String, BoundValue> values = new LinkedHashMap<>();
        List<SQLExpr> literals = new ArrayList<>();
        List<SQLInListExpr> lists = new ArrayList<>();
        statement.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLSelectItem x) {
                return false;
            }

            @Override
            public boolean visit(SQLSelectGroupByClause x) {
                if (x.getHaving() != null) {
                    x.getHaving().accept(this);
                }
                return false;
            }

            @Override
            public boolean visit(SQLOrderBy x) {
                return false;
            }

            @Override
            public boolean visit(SQLLimit x) {
                return true;
            }

            @Override
            public boolean visit(SQLInListExpr x) {
                if (!x.getTargetList().isEmpty() && x.getTargetList().stream().allMatch(Literals::isNormalizable)) {
                    lists.add(x);
                    x.getExpr().accept(this);
                    return false;
                }
                return true;
            }

            @Override
            public boolean visit(SQLIntegerExpr x) {
                literals.add(x);
                return false;
            }

            @Override
            public boolean visit(SQLNumberExpr x) {
                literals.add(x);
                return false;
            }

            @Override
            public boolean visit(SQLCharExpr x) {
                if (x.getClass() == SQLCharExpr.class) {
                    literals.add(x);
                }
                return false;
            }
        });
        int counter = 0;
        for (SQLExpr literal : literals) {
            SqlValue value = Literals.value(literal).orElseThrow();
            String name = PREFIX + (++counter);
            if (SQLUtils.replaceInParent(literal, new BindVariableExpr(":" + name))) {
                values.put(name, BoundValue.of(value));
            } else {
                counter--;
            }
        }
        for (SQLInListExpr list : lists) {
            List<SqlValue> items = new ArrayList<>();
            for (SQLExpr item : list.getTargetList()) {
                items.add(Literals.value(item).orElseThrow());
            }
            String name = PREFIX + (++counter);
            list.getTargetList().clear();
            SQLVariantRefExpr reference = new BindVariableExpr("::" + name);
            reference.setParent(list);
            list.getTargetList().add(reference);
            values.put(name, BoundValue.ofList(items));
        }
        return BindVariables.of(values);
    }
}
