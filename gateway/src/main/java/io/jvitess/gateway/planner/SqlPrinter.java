package io.jvitess.gateway.planner;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLObject;

/** Prints Druid AST nodes as compact lower-case MySQL, the form sent to tablets and shown in plans. */
final class SqlPrinter {

    private static final SQLUtils.FormatOption COMPACT = new SQLUtils.FormatOption(false, false);

    private SqlPrinter() {
    }

    static String print(SQLObject node) {
        return SQLUtils.toSQLString(node, DbType.mysql, COMPACT);
    }
}
