package io.jvitess.gateway.server.prepared;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.executor.Executor;
import io.jvitess.gateway.executor.Session;
import io.jvitess.mysql.server.PreparedQuery;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.sql.parser.ParsedStatement;
import io.jvitess.sql.parser.SqlParser;
import io.jvitess.sql.vitess.VitessStatementParser;

import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A statement prepared through vtgate. Each execution puts the parameter values into the text as
 * SQL literals and runs it through the executor exactly like COM_QUERY, so planning, routing,
 * transactions and errors are the same; the planner normalizes the literals back into bind
 * variables, so every execution of one statement shares one cached plan.
 *
 * <p>A SELECT reports its result columns at prepare time, found with a {@link FieldQuery} (one
 * round trip to the tablets per prepare, as in Vitess): libmariadb keeps reporting no columns for
 * a statement prepared without them (sysbench then counts its SELECTs as writes). Other statements
 * announce none and clients take the columns from each execution.
 */
public final class GatewayPreparedQuery implements PreparedQuery {

    /** The prepare response counts parameters in 16 bits. */
    private static final int MAX_PARAMETERS = 0xFFFF;
    private static final SqlState TOO_MANY_PLACEHOLDERS = new SqlState(1390, "HY000");
    private static final SqlValue SYNTAX_PROBE_VALUE = SqlValue.ofLong(0);

    private final Executor executor;
    private final Session session;
    private final PlaceholderQuery query;
    private final List<Field> columns;

    private GatewayPreparedQuery(Executor executor, Session session, PlaceholderQuery query, List<Field> columns) {
        this.executor = requireNonNull(executor, "executor is null");
        this.session = requireNonNull(session, "session is null");
        this.query = requireNonNull(query, "query is null");
        this.columns = List.copyOf(columns);
    }

    /**
     * Prepares one statement for the session. Syntax errors (and for a SELECT, unknown tables or
     * columns) are reported now, as MySQL does; the statement is checked with a number in place of
     * each placeholder, which is valid wherever a placeholder is.
     */
    public static GatewayPreparedQuery prepare(Executor executor, Session session, String statement) {
        PlaceholderQuery query = PlaceholderQuery.parse(statement);
        if (query.parameterCount() > MAX_PARAMETERS) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, TOO_MANY_PLACEHOLDERS, "Prepared statement contains too many placeholders");
        }
        String probe = query.render(Collections.nCopies(query.parameterCount(), SYNTAX_PROBE_VALUE));
        List<Field> columns = List.of();
        if (VitessStatementParser.parse(probe).isEmpty()) {
            ParsedStatement parsed = SqlParser.parse(probe);
            columns = FieldQuery.of(parsed).map(fieldQuery -> executor.execute(session, fieldQuery).getFieldsList()).orElse(List.of());
        }
        return new GatewayPreparedQuery(executor, session, query, columns);
    }

    @Override
    public int parameterCount() {
        return query.parameterCount();
    }

    @Override
    public List<Field> columns() {
        return columns;
    }

    @Override
    public QueryResult execute(List<SqlValue> parameters) {
        return executor.execute(session, query.render(parameters));
    }
}
