package io.jvitess.sql.parser;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLBeginStatement;
import com.alibaba.druid.sql.ast.statement.SQLCallStatement;
import com.alibaba.druid.sql.ast.statement.SQLCommitStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateRoleStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateUserStatement;
import com.alibaba.druid.sql.ast.statement.SQLDDLStatement;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropRoleStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropUserStatement;
import com.alibaba.druid.sql.ast.statement.SQLExplainStatement;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLPurgeLogsStatement;
import com.alibaba.druid.sql.ast.statement.SQLReleaseSavePointStatement;
import com.alibaba.druid.sql.ast.statement.SQLRenameUserStatement;
import com.alibaba.druid.sql.ast.statement.SQLReplaceStatement;
import com.alibaba.druid.sql.ast.statement.SQLRollbackStatement;
import com.alibaba.druid.sql.ast.statement.SQLSavePointStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import com.alibaba.druid.sql.ast.statement.SQLSetStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowStatement;
import com.alibaba.druid.sql.ast.statement.SQLStartTransactionStatement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUnionQuery;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUseStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterUserStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlCreateUserStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlFlushStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSetTransactionStatement;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;

/** Maps Druid's statement classes onto {@link StatementKind}. */
final class StatementClassifier {

    private StatementClassifier() {
    }

    static StatementKind kindOf(SQLStatement statement) {
        return switch (statement) {
            case SQLSelectStatement select -> select.getSelect().getQuery() instanceof SQLUnionQuery ? StatementKind.UNION : StatementKind.SELECT;
            case SQLReplaceStatement ignored -> StatementKind.REPLACE;
            case SQLInsertStatement ignored -> StatementKind.INSERT;
            case SQLUpdateStatement ignored -> StatementKind.UPDATE;
            case SQLDeleteStatement ignored -> StatementKind.DELETE;
            case MySqlSetTransactionStatement ignored -> StatementKind.SET;
            // SET PASSWORD parses as a SET without a target; it is account management, not session state.
            case SQLSetStatement set -> set.getItems().stream().allMatch(item -> item.getTarget() != null) ? StatementKind.SET : StatementKind.OTHER;
            case SQLBeginStatement ignored -> StatementKind.BEGIN;
            case SQLStartTransactionStatement ignored -> StatementKind.BEGIN;
            case SQLCommitStatement ignored -> StatementKind.COMMIT;
            case SQLRollbackStatement rollback -> rollback.getTo() == null ? StatementKind.ROLLBACK : StatementKind.SAVEPOINT;
            case SQLSavePointStatement ignored -> StatementKind.SAVEPOINT;
            case SQLReleaseSavePointStatement ignored -> StatementKind.RELEASE_SAVEPOINT;
            case SQLShowStatement ignored -> StatementKind.SHOW;
            case SQLUseStatement ignored -> StatementKind.USE;
            case SQLExplainStatement ignored -> StatementKind.EXPLAIN;
            case SQLCallStatement ignored -> StatementKind.CALL;
            case MySqlFlushStatement ignored -> StatementKind.FLUSH;
            case SQLTruncateStatement ignored -> StatementKind.DDL;
            case SQLDDLStatement ddl -> isAccountOrServerAdministration(ddl) ? StatementKind.OTHER : StatementKind.DDL;
            default -> StatementKind.OTHER;
        };
    }

    /** Druid files these under DDL, but they change no schema a keyspace routes by. */
    private static boolean isAccountOrServerAdministration(SQLDDLStatement statement) {
        return statement instanceof SQLCreateUserStatement
                || statement instanceof MySqlCreateUserStatement
                || statement instanceof SQLDropUserStatement
                || statement instanceof MySqlAlterUserStatement
                || statement instanceof SQLRenameUserStatement
                || statement instanceof SQLCreateRoleStatement
                || statement instanceof SQLDropRoleStatement
                || statement instanceof SQLPurgeLogsStatement;
    }

    static boolean readsOnly(StatementKind kind, SQLStatement statement) {
        return switch (kind) {
            case SHOW, EXPLAIN -> true;
            case SELECT, UNION -> !locksRows(statement);
            default -> false;
        };
    }

    /** FOR UPDATE, FOR SHARE or LOCK IN SHARE MODE anywhere, subqueries included. */
    static boolean locksRows(SQLStatement statement) {
        boolean[] locks = {false};
        statement.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(MySqlSelectQueryBlock block) {
                locks[0] |= locks(block) || block.isLockInShareMode();
                return true;
            }

            @Override
            public boolean visit(SQLSelectQueryBlock block) {
                locks[0] |= locks(block);
                return true;
            }
        });
        return locks[0];
    }

    private static boolean locks(SQLSelectQueryBlock block) {
        return block.isForUpdate() || block.isForShare();
    }
}
