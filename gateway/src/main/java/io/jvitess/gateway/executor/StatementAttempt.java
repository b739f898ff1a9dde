package io.jvitess.gateway.executor;

import io.jvitess.common.errors.VtException;
import io.jvitess.sql.lexer.SqlLexer;
import io.jvitess.sql.lexer.SqlToken;

/**
 * Whether one execution of a statement may have changed data on some shard: any shard call that
 * reached a tablet and was not a plain SELECT (sequence reservations are SELECTs; values they skip
 * are harmless). Calls refused before they ran ({@link TrafficSwitch#refusedBeforeRunning}) do not
 * count. A statement is re-planned after a traffic switch only when nothing was applied.
 * Shard calls of one statement may run in parallel.
 */
final class StatementAttempt {

    private volatile boolean applied;

    /** Records a shard call's outcome: {@code failure} null when it succeeded. */
    void record(String sql, RuntimeException failure) {
        if (applied) {
            return;
        }
        if (failure instanceof VtException refusal && TrafficSwitch.refusedBeforeRunning(refusal)) {
            return;
        }
        if (!isSelect(sql)) {
            applied = true;
        }
    }

    boolean applied() {
        return applied;
    }

    private static boolean isSelect(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            if (!token.isComment()) {
                return token.isWord("select");
            }
        }
        return true;
    }
}
