package io.jvitess.gateway.executor;

import io.jvitess.gateway.engine.SqlTemplate;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.BoundValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.vindexes.LookupContext;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How lookup vindexes reach their lookup tables: the statement is rendered with its bind
 * variables and planned like any client statement, so the lookup table may live in any keyspace
 * (sharded or not). It runs in the session's transaction, or on its own for AUTOCOMMIT.
 * PRE and POST (consistent lookups' separate connections) run in the session's transaction too,
 * which keeps the lookup row and its owner row atomic.
 */
final class SessionLookups implements LookupContext {

    /** Plans and runs one statement for a session. */
    @FunctionalInterface
    interface StatementRunner {
        QueryResult run(Session session, String sql);
    }

    private final Session session;
    private final StatementRunner runner;
    private final boolean dml;

    SessionLookups(Session session, StatementRunner runner, boolean dml) {
        this.session = requireNonNull(session, "session is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.dml = dml;
    }

    @Override
    public QueryResult execute(String sql, Map<String, BindVariable> bindVariables, CommitOrder order) {
        Map<String, BoundValue> values = new LinkedHashMap<>();
        bindVariables.forEach((name, variable) -> values.put(name, BoundValue.fromProto(variable)));
        String rendered = SqlTemplate.parse(sql).render(BindVariables.of(values));
        Session target = order == CommitOrder.AUTOCOMMIT ? autocommitSession() : session;
        return runner.run(target, rendered);
    }

    @Override
    public boolean inTransactionWithDml() {
        return dml && (session.inTransaction() || !session.autocommit());
    }

    /** A fresh session (no transaction, PRIMARY) for lookup writes that commit on their own. */
    private Session autocommitSession() {
        return new Session(session.connectionId(), session.user());
    }
}
