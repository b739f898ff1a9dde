package io.jvitess.gateway.server.prepared;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLSelectQuery;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUnionQuery;
import io.jvitess.gateway.planner.FieldQueries;
import io.jvitess.sql.parser.ParsedStatement;
import io.jvitess.sql.parser.StatementKind;

import java.util.Optional;

/**
 * How a prepared SELECT learns its result columns when it is prepared, as Vitess's GetFields does:
 * the same query with {@code where 1 != 1} in every block and no ordering, limit, HAVING or
 * locking, which MySQL answers from table definitions without reading a row. Blocks without a
 * table (e.g. {@code select ?}) or with INTO are left alone: running those could have effects.
 */
final class FieldQuery {

    private static final SQLUtils.FormatOption COMPACT = new SQLUtils.FormatOption(false, false);

    private FieldQuery() {
    }

    /** The field query of a SELECT or UNION, if every block reads a table. */
    static Optional<String> of(ParsedStatement statement) {
        if ((statement.kind() != StatementKind.SELECT && statement.kind() != StatementKind.UNION)
                || !(statement.ast() instanceof SQLSelectStatement original)) {
            return Optional.empty();
        }
        if (!eligible(original.getSelect().getQuery())) {
            return Optional.empty();
        }
        SQLSelectStatement copy = original.clone();
        SQLSelect select = copy.getSelect();
        select.setQuery(FieldQueries.of(select.getQuery()));
        select.setOrderBy(null);
        select.setLimit(null);
        return Optional.of(SQLUtils.toSQLString(copy, DbType.mysql, COMPACT));
    }

    /** Running the field query has no effect only if every block reads a table and none selects INTO. */
    private static boolean eligible(SQLSelectQuery query) {
        return switch (query) {
            case SQLUnionQuery union -> union.getRelations().stream().allMatch(FieldQuery::eligible);
            case SQLSelectQueryBlock block -> block.getInto() == null && readsTable(block.getFrom());
            default -> false;
        };
    }

    private static boolean readsTable(SQLTableSource from) {
        return from != null && !(from instanceof SQLExprTableSource table && "dual".equalsIgnoreCase(table.getTableName()));
    }
}
