package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLReplaceStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlDeleteStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlInsertStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlUpdateStatement;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.gateway.engine.Dml;
import io.jvitess.gateway.engine.Primitive;
import io.jvitess.gateway.engine.Route;
import io.jvitess.gateway.engine.RouteOpcode;
import io.jvitess.gateway.engine.RoutingParameters;
import io.jvitess.gateway.engine.SqlTemplate;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.gateway.vschema.Table;
import io.jvitess.gateway.vschema.VSchema;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.sql.parser.ParsedStatement;
import io.jvitess.sql.parser.StatementKind;
import io.jvitess.sql.vitess.SelectNext;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The query planner: turns a parsed statement into a {@link Plan} of engine primitives.
 * Statements that only touch one unsharded keyspace go there unchanged (keyspace qualifiers
 * removed); everything else has its literals normalized to bind variables, is planned once per
 * normalized text and cached.
 */
public final class Planner {

    /** What to plan, and for which session. */
    public record Request(ParsedStatement statement, VSchema vschema, Optional<String> defaultKeyspace, TabletType tabletType,
                          boolean useCache, boolean normalize) {
        public Request {
            requireNonNull(statement, "statement is null");
            requireNonNull(vschema, "vschema is null");
            requireNonNull(defaultKeyspace, "defaultKeyspace is null");
            requireNonNull(tabletType, "tabletType is null");
        }
    }

    private final PlanCache cache;

    public Planner(PlanCache cache) {
        this.cache = requireNonNull(cache, "cache is null");
    }

    public PlanCache cache() {
        return cache;
    }

    public PreparedPlan plan(Request request) {
        ParsedStatement statement = request.statement();
        SQLStatement ast = statement.ast();
        PlanningContext context = new PlanningContext(request.vschema(), request.defaultKeyspace(), request.tabletType(), Set.of());
        TableResolver.ResolvedTables resolved = TableResolver.resolve(ast, context);
        Optional<Plan> passThrough = passThrough(statement, resolved, context);
        if (passThrough.isPresent()) {
            return new PreparedPlan(passThrough.get(), BindVariables.empty());
        }
        TableResolver.rewrite(ast, resolved);
        if (ast instanceof SQLSelectStatement select) {
            SelectLabels.keepWrittenLabels(select, statement.sql());
        }
        BindVariables bindVariables = request.normalize() ? Normalizer.normalize(ast) : BindVariables.empty();
        String key = SqlPrinter.print(ast) + "\u0000" + request.normalize() + "\u0000" + request.defaultKeyspace().orElse("") + "\u0000" + request.tabletType()
                + "\u0000" + request.vschema().generation();
        if (request.useCache()) {
            Optional<Plan> cached = cache.get(key);
            if (cached.isPresent()) {
                return new PreparedPlan(cached.get(), bindVariables);
            }
        }
        Primitive primitive = switch (ast) {
            case SQLSelectStatement select -> new QueryPlanner(context, resolved).planSelect(select.getSelect(), Optional.empty()).primitive();
            case MySqlInsertStatement insert -> InsertPlanner.plan(insert, resolved);
            case SQLReplaceStatement ignored -> throw Unsupported.of("REPLACE INTO with sharded keyspace");
            case MySqlUpdateStatement update -> new DmlPlanner(context, resolved).planUpdate(update);
            case MySqlDeleteStatement delete -> new DmlPlanner(context, resolved).planDelete(delete);
            default -> throw Unsupported.of("%s statement on a sharded keyspace", statement.kind().name().toLowerCase(java.util.Locale.ROOT));
        };
        Plan plan = new Plan(queryType(statement.kind()), primitive, List.copyOf(context.tablesUsed()));
        if (request.useCache()) {
            cache.put(key, plan);
        }
        return new PreparedPlan(plan, bindVariables);
    }

    /**
     * A statement on one unsharded keyspace (or on no keyspace table at all) runs there as
     * written, minus keyspace qualifiers, like Vitess's Unsharded route.
     */
    private static Optional<Plan> passThrough(ParsedStatement statement, TableResolver.ResolvedTables resolved, PlanningContext context) {
        Set<String> keyspaces = resolved.keyspaces();
        List<String> tables = List.copyOf(context.tablesUsed());
        String queryType = queryType(statement.kind());
        if (keyspaces.isEmpty()) {
            KeyspaceInfo keyspace = defaultKeyspace(context);
            RouteOpcode opcode = resolved.hasSystemTables() ? RouteOpcode.DBA : keyspace.sharded() ? RouteOpcode.REFERENCE : RouteOpcode.UNSHARDED;
            return Optional.of(new Plan(queryType, route(opcode, keyspace, statement.sql(), ""), tables));
        }
        if (keyspaces.size() != 1 || resolved.renamed()) {
            return Optional.empty();
        }
        KeyspaceInfo keyspace = context.vschema().requireKeyspace(keyspaces.iterator().next()).info();
        if (keyspace.sharded() || fillsAutoIncrement(statement, resolved)) {
            return Optional.empty();
        }
        String sql = statement.withoutQualifiers(resolved.keyspaceQualifiers());
        String tableNames = String.join(", ", resolved.all().stream().map(Table::name).distinct().toList());
        Primitive primitive = switch (statement.kind()) {
            case INSERT, REPLACE -> new Dml(Dml.Kind.INSERT, RoutingParameters.of(RouteOpcode.UNSHARDED, keyspace), SqlTemplate.parse(sql),
                    tableNames, Optional.empty());
            case UPDATE -> new Dml(Dml.Kind.UPDATE, RoutingParameters.of(RouteOpcode.UNSHARDED, keyspace), SqlTemplate.parse(sql),
                    tableNames, Optional.empty());
            case DELETE -> new Dml(Dml.Kind.DELETE, RoutingParameters.of(RouteOpcode.UNSHARDED, keyspace), SqlTemplate.parse(sql),
                    tableNames, Optional.empty());
            default -> route(RouteOpcode.UNSHARDED, keyspace, sql, tableNames);
        };
        return Optional.of(new Plan(queryType, primitive, tables));
    }

    /** An INSERT ... VALUES into a table whose auto-increment comes from a sequence needs the Insert primitive. */
    private static boolean fillsAutoIncrement(ParsedStatement statement, TableResolver.ResolvedTables resolved) {
        return statement.ast() instanceof MySqlInsertStatement insert && insert.getQuery() == null
                && resolved.table(insert.getTableSource()).map(table -> table.autoIncrement().isPresent()).orElse(false);
    }

    private static Route route(RouteOpcode opcode, KeyspaceInfo keyspace, String sql, String tableNames) {
        SqlTemplate template = SqlTemplate.parse(sql);
        return new Route(RoutingParameters.of(opcode, keyspace), template, template, List.of(), 0, tableNames);
    }

    private static KeyspaceInfo defaultKeyspace(PlanningContext context) {
        String name = context.defaultKeyspace().orElseGet(() -> context.vschema().keyspaceNames().stream().findFirst()
                .orElseThrow(() -> VtException.of(VtCode.FAILED_PRECONDITION, io.jvitess.common.errors.SqlState.NO_DB,
                        "VT09005: no database selected: use keyspace<:shard><@type> or keyspace<[range]><@type> (<> are optional)")));
        return context.vschema().requireKeyspace(name).info();
    }

    /** {@code select next N values from seq}: a Next route to the sequence's keyspace. */
    public static Plan planSelectNext(SelectNext next, VSchema vschema, Optional<String> defaultKeyspace, TabletType tabletType) {
        Table table = vschema.findTable(next.keyspace(), next.table(), defaultKeyspace, tabletType);
        if (!table.isSequence()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "VT03018: NEXT used on a non-sequence table `%s`", table.name());
        }
        String sql = "select next " + next.count() + " values from " + Identifiers.printable(table.name());
        RoutingParameters routing = table.pinned().isPresent()
                ? RoutingParameters.toDestination(RouteOpcode.NEXT, table.keyspace(), new Destination.KeyspaceId(table.pinned().get()))
                : RoutingParameters.of(RouteOpcode.NEXT, table.keyspace());
        SqlTemplate template = SqlTemplate.parse(sql);
        Route route = new Route(routing, template, template, List.of(), 0, table.name());
        return new Plan("SELECT", route, List.of(table.keyspace().name() + "." + table.name()));
    }

    private static String queryType(StatementKind kind) {
        return switch (kind) {
            case UNION -> "SELECT";
            default -> kind.name();
        };
    }
}
