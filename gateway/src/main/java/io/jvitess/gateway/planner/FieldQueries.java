package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.statement.SQLSelectQuery;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLUnionQuery;

/**
 * The field query of a route: the same SELECT with {@code where 1 != 1} and no ordering, limit or
 * locking, run when the route has no shard to go to but the client still needs the columns.
 */
public final class FieldQueries {

    private FieldQueries() {
    }

    /** A stripped copy of the query; the original is left alone. */
    public static SQLSelectQuery of(SQLSelectQuery query) {
        SQLSelectQuery copy = query.clone();
        strip(copy);
        return copy;
    }

    private static void strip(SQLSelectQuery query) {
        switch (query) {
            case SQLUnionQuery union -> {
                union.setOrderBy(null);
                union.setLimit(null);
                for (SQLSelectQuery relation : union.getRelations()) {
                    strip(relation);
                }
            }
            case SQLSelectQueryBlock block -> {
                block.setWhere(Expressions.alwaysFalse());
                block.setOrderBy(null);
                block.setLimit(null);
                block.setForUpdate(false);
                block.setForShare(false);
                if (block instanceof com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock mysql) {
                    mysql.setLockInShareMode(false);
                }
                if (block.getGroupBy() != null) {
                    block.getGroupBy().setHaving(null);
                }
            }
            default -> {
            }
        }
    }
}
