package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;

/**
 * A {@code :name} / {@code ::name} placeholder in a Druid AST. Druid's own clone of a variable
 * reference forgets that a comma precedes it in a select list, so copies would print as
 * {@code select a :x}; this one clones itself whole.
 */
final class BindVariableExpr extends SQLVariantRefExpr {

    BindVariableExpr(String name) {
        super(name);
        setHasPrefixComma(true);
    }

    @Override
    public BindVariableExpr clone() {
        return new BindVariableExpr(getName());
    }
}
