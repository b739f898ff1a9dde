package io.jvitess.gateway.executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.key.Destination;
import io.jvitess.gateway.engine.ExecutionContext;
import io.jvitess.gateway.engine.Primitive;
import io.jvitess.gateway.engine.ResultSet;
import io.jvitess.gateway.engine.Send;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.planner.PlanCache;
import io.jvitess.gateway.planner.Planner;
import io.jvitess.gateway.planner.PreparedPlan;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.gateway.vschema.VSchemaProvider;
import io.jvitess.gateway.vschema.VindexFactory;
import io.jvitess.sql.vitess.Directives;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.gateway.healthcheck.HealthCheck;
import io.jvitess.gateway.srvtopo.ServingGraph;
import io.jvitess.gateway.tabletgateway.TabletGateway;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.sql.parser.ParsedStatement;
import io.jvitess.sql.parser.SetAssignment;
import io.jvitess.sql.parser.SqlParser;
import io.jvitess.sql.parser.StatementKind;
import io.jvitess.sql.target.Target;
import io.jvitess.sql.vitess.SelectNext;
import io.jvitess.sql.vitess.ShowDatabases;
import io.jvitess.sql.vitess.ShowKeyspaces;
import io.jvitess.sql.vitess.ShowVitessReplicationStatus;
import io.jvitess.sql.vitess.ShowVitessShards;
import io.jvitess.sql.vitess.ShowVitessTablets;
import io.jvitess.sql.vitess.ShowVitessTarget;
import io.jvitess.sql.vitess.ShowVschemaKeyspaces;
import io.jvitess.sql.vitess.ShowVschemaTables;
import io.jvitess.sql.vitess.ShowVschemaVindexes;
import io.jvitess.sql.vitess.Use;
import io.jvitess.sql.vitess.VExplain;
import io.jvitess.sql.vitess.VitessStatement;
import io.jvitess.sql.vitess.VitessStatementParser;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Executes one statement for a session: Vitess-only statements and local facts are answered here,
 * transactions are tracked per session, and everything else is routed to the keyspace's shard.
 */
public final class Executor {

    /** The largest statement a tablet accepts over gRPC (Vitess's --grpc_max_message_size default). */
    public static final int MAX_QUERY_BYTES = 16 * 1024 * 1024;

    private static final Pattern SHOW_TABLES = Pattern.compile(
            "^\\s*show\\s+(full\\s+)?tables(?:\\s+(?:from|in)\\s+`?([^`\\s]+)`?)?(\\s+(?:like|where)\\s.*)?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern KILL = Pattern.compile("\\s*kill\\b", Pattern.CASE_INSENSITIVE);

    /** Plans kept per vtgate; Vitess's default cache holds far more, but our plans are bigger objects. */
    public static final int DEFAULT_PLAN_CACHE_SIZE = 5000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ServingGraph servingGraph;
    private final ShardExecutor shardExecutor;
    private final KeyspaceResolver resolver;
    private final LocalSelect localSelect;
    private final ShowHandler showHandler;
    private final VSchemaProvider vschemaProvider;
    private final Planner planner;
    private final TrafficSwitch trafficSwitch;

    public Executor(ServingGraph servingGraph, HealthCheck healthCheck, TabletGateway gateway, String serverVersion) {
        this(servingGraph, healthCheck, gateway, serverVersion, VindexFactory.standard(), new PlanCache(DEFAULT_PLAN_CACHE_SIZE));
    }

    public Executor(ServingGraph servingGraph, HealthCheck healthCheck, TabletGateway gateway, String serverVersion,
                    VindexFactory vindexFactory, PlanCache planCache) {
        this.servingGraph = requireNonNull(servingGraph, "servingGraph is null");
        this.shardExecutor = new ShardExecutor(gateway.withServingGraph(servingGraph));
        this.trafficSwitch = new TrafficSwitch(servingGraph, gateway.bufferWindow());
        this.resolver = new KeyspaceResolver(servingGraph);
        this.localSelect = new LocalSelect(serverVersion);
        this.showHandler = new ShowHandler(servingGraph, healthCheck);
        this.vschemaProvider = new VSchemaProvider(servingGraph, vindexFactory);
        this.planner = new Planner(planCache);
    }

    /** Hits, misses, evictions and size of the plan cache (for /debug/vars). */
    public PlanCache.Stats planCacheStats() {
        return planner.cache().stats();
    }

    public QueryResult execute(Session session, String sql) {
        if (sql.length() > MAX_QUERY_BYTES / 4 && sql.getBytes(StandardCharsets.UTF_8).length > MAX_QUERY_BYTES) {
            throw VtException.of(VtCode.RESOURCE_EXHAUSTED, SqlState.NET_PACKET_TOO_LARGE,
                    "Got a packet bigger than 'max_allowed_packet' bytes: query exceeds the %d bytes vtgate sends to a tablet", MAX_QUERY_BYTES);
        }
        Optional<VitessStatement> vitess = VitessStatementParser.parse(sql);
        if (vitess.isPresent()) {
            return executeVitess(session, vitess.get());
        }
        if (KILL.matcher(sql).lookingAt()) {
            // A vtgate connection id means nothing to mysqld: forwarding KILL would hit an unrelated connection.
            throw unsupported("KILL through vtgate; close the client connection instead");
        }
        ParsedStatement statement = SqlParser.parse(sql);
        return switch (statement.kind()) {
            case BEGIN -> begin(session);
            case COMMIT -> commit(session);
            case ROLLBACK -> rollback(session);
            case SET -> set(session, statement);
            case SHOW -> show(session, statement);
            case SELECT -> statement.selectWithoutFrom()
                    .flatMap(expressions -> localSelect.evaluate(session, expressions))
                    .orElseGet(() -> dispatch(session, statement));
            default -> dispatch(session, statement);
        };
    }

    /**
     * SELECT, UNION and DML are planned; a session targeting a shard sends them unplanned; the rest go to a keyspace.
     * A statement refused because a traffic switch moved its tables or shard is planned and run again.
     */
    private QueryResult dispatch(Session session, ParsedStatement statement) {
        checkReplicaDml(session, statement);
        if (isTargeted(session)) {
            return send(session, statement);
        }
        return trafficSwitch.run(session, statement, attempt -> switch (attempt.kind()) {
            case SELECT, UNION, INSERT, REPLACE, UPDATE, DELETE -> planned(session, attempt);
            default -> route(session, attempt);
        });
    }

    private static boolean isTargeted(Session session) {
        Target target = session.target();
        return target.shard().isPresent() || target.keyRange().isPresent() || target.keyspaceId().isPresent();
    }

    private QueryResult planned(Session session, ParsedStatement statement) {
        boolean useCache = !Directives.parse(statement.sql()).isSet("SKIP_QUERY_PLAN_CACHE");
        PreparedPlan prepared = planner.plan(new Planner.Request(statement, vschemaProvider.current(), session.keyspace(),
                session.tabletType(), useCache, true));
        return executePlan(session, prepared.plan().instructions(), prepared.bindVariables(), statement.isDml());
    }

    /**
     * Runs a plan for the session. A plan that must change several shards or lookup rows together
     * runs in an implicit transaction when the session is in autocommit mode.
     */
    private QueryResult executePlan(Session session, Primitive plan, BindVariables bindVariables, boolean dml) {
        ExecutionContext context = context(session, dml);
        boolean implicit = plan.needsTransaction() && !session.inTransaction() && session.autocommit();
        if (implicit) {
            session.setInTransaction(true);
        }
        try {
            ResultSet result = plan.execute(context, bindVariables);
            if (implicit) {
                shardExecutor.commit(session);
            }
            if (dml && result.insertId() != 0) {
                session.setLastInsertId(result.insertId());
            }
            return result.toProto();
        } catch (RuntimeException e) {
            if (implicit) {
                shardExecutor.rollback(session);
            }
            throw e;
        }
    }

    private ExecutionContext context(Session session, boolean dml) {
        TabletType type = session.tabletType();
        return new ExecutionContext(new SessionShardQueries(shardExecutor, session, type), new SessionDestinations(servingGraph, type),
                new SessionLookups(session, this::runInternal, dml));
    }

    /**
     * A statement vtgate issues itself for a session (lookup vindex queries): planned, without
     * touching session state. Lookup tables are found by their global names first, since the
     * session's keyspace is usually the sharded keyspace that owns the vindex.
     */
    private QueryResult runInternal(Session session, String sql) {
        TabletType type = SqlParser.parse(sql).isDml() ? TabletType.PRIMARY : session.tabletType();
        PreparedPlan prepared;
        ParsedStatement statement = SqlParser.parse(sql);
        try {
            prepared = planner.plan(new Planner.Request(statement, vschemaProvider.current(), Optional.empty(), type, true, true));
        } catch (VtException notGlobal) {
            if (session.keyspace().isEmpty()) {
                throw notGlobal;
            }
            statement = SqlParser.parse(sql);
            prepared = planner.plan(new Planner.Request(statement, vschemaProvider.current(), session.keyspace(), type, true, true));
        }
        ExecutionContext context = context(session, statement.isDml());
        return prepared.plan().instructions().execute(context, prepared.bindVariables()).toProto();
    }

    /** A session targeting a shard, key range or keyspace id: the statement goes there as written. */
    private QueryResult send(Session session, ParsedStatement statement) {
        Target target = session.target();
        if (statement.kind() == StatementKind.INSERT && target.keyRange().isPresent()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "VT03023: INSERT not supported when targeting a key range: %s", target.format());
        }
        return executePlan(session, sendPlan(session, statement), BindVariables.empty(), statement.isDml());
    }

    private Send sendPlan(Session session, ParsedStatement statement) {
        Target target = session.target();
        Destination destination = target.shard().<Destination>map(Destination.Shard::new)
                .or(() -> target.keyRange().map(Destination.Range::new))
                .or(() -> target.keyspaceId().map(Destination.KeyspaceId::new))
                .orElseThrow();
        boolean sharded = vschemaProvider.current().keyspace(target.keyspace()).map(keyspace -> keyspace.sharded()).orElse(false);
        return new Send(new KeyspaceInfo(target.keyspace(), sharded), destination, statement.sql(), statement.isDml());
    }

    private void checkReplicaDml(Session session, ParsedStatement statement) {
        if (!statement.readsOnly() && session.tabletType() != TabletType.PRIMARY
                && (statement.isDml() || statement.kind() == StatementKind.DDL)) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, new SqlState(1874, "HY000"),
                    "VT09002: %s statement with a replica target", statement.kind().name().toLowerCase(Locale.ROOT));
        }
    }

    /** {@code vexplain plan q} / {@code explain format=vitess q}: the plan of q as JSON, one row, column JSON. */
    private QueryResult vexplain(Session session, VExplain explain) {
        if (!explain.mode().equals("plan")) {
            throw unsupported("VEXPLAIN " + explain.mode().toUpperCase(Locale.ROOT) + "; use VEXPLAIN PLAN");
        }
        Object description;
        Optional<VitessStatement> vitess = VitessStatementParser.parse(explain.query());
        if (vitess.isPresent() && vitess.get() instanceof SelectNext next) {
            description = Planner.planSelectNext(next, vschemaProvider.current(), session.keyspace(), session.tabletType()).instructions().describe();
        } else if (vitess.isPresent()) {
            throw unsupported("VEXPLAIN of a vtgate statement");
        } else {
            ParsedStatement statement = SqlParser.parse(explain.query());
            if (isTargeted(session)) {
                description = sendPlan(session, statement).describe();
            } else {
                description = planner.plan(new Planner.Request(statement, vschemaProvider.current(), session.keyspace(),
                        session.tabletType(), false, false)).plan().instructions().describe();
            }
        }
        try {
            return Results.columns("JSON").row(JSON.writeValueAsString(description)).build();
        } catch (JsonProcessingException e) {
            throw VtException.of(VtCode.INTERNAL, "VT13001: [BUG] cannot print plan: %s", e.getMessage());
        }
    }

    private QueryResult selectNext(Session session, SelectNext next) {
        Primitive plan = Planner.planSelectNext(next, vschemaProvider.current(), session.keyspace(), session.tabletType()).instructions();
        return executePlan(session, plan, BindVariables.empty(), false);
    }

    /** USE / COM_INIT_DB: checks the keyspace exists and switches the session's target. */
    public void use(Session session, String targetText) {
        Target target = Target.parse(targetText);
        if (!target.keyspace().isEmpty() && !servingGraph.hasKeyspace(target.keyspace())) {
            throw KeyspaceResolver.unknownDatabase(target.keyspace());
        }
        if (target.tabletType() == TabletType.UNKNOWN) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid tablet type in target '%s'", targetText);
        }
        if (session.inTransaction() && target.tabletType() != session.tabletType()) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, SqlState.LOCK_OR_ACTIVE_TRANSACTION,
                    "can't execute the given command because you have an active transaction");
        }
        session.setTarget(target);
    }

    /** COM_FIELD_LIST: the columns of a table, read with a query that returns no rows. */
    public List<Field> fieldList(Session session, String table) {
        QueryResult result = execute(session, "select * from `" + table.replace("`", "``") + "` where 1 != 1");
        return result.getFieldsList();
    }

    /** The connection ended: roll back whatever it left open. */
    public void close(Session session) {
        shardExecutor.rollback(session);
    }

    private QueryResult executeVitess(Session session, VitessStatement statement) {
        return switch (statement) {
            case Use use -> {
                use(session, use.target());
                yield Results.ok();
            }
            case ShowDatabases show -> showHandler.databases(show.like());
            case ShowKeyspaces show -> showHandler.keyspaces(show.like());
            case ShowVitessTablets show -> showHandler.vitessTablets(show.like());
            case ShowVitessShards show -> showHandler.vitessShards(session, show.like());
            case ShowVitessTarget ignored -> showHandler.vitessTarget(session);
            case ShowVschemaTables ignored -> showHandler.vschemaTables(session);
            case ShowVschemaKeyspaces ignored -> showHandler.vschemaKeyspaces();
            case ShowVschemaVindexes ignored -> showHandler.vschemaVindexes(session);
            case ShowVitessReplicationStatus ignored -> throw unsupported("SHOW VITESS_REPLICATION_STATUS");
            case SelectNext next -> selectNext(session, next);
            case VExplain explain -> vexplain(session, explain);
        };
    }

    private static VtException unsupported(String what) {
        return VtException.of(VtCode.UNIMPLEMENTED, SqlState.NOT_SUPPORTED_YET, "VT12001: unsupported: %s", what);
    }

    private QueryResult begin(Session session) {
        if (session.inTransaction()) {
            shardExecutor.commit(session);
        }
        session.setInTransaction(true);
        return Results.ok();
    }

    private QueryResult commit(Session session) {
        shardExecutor.commit(session);
        return Results.ok();
    }

    private QueryResult rollback(Session session) {
        shardExecutor.rollback(session);
        return Results.ok();
    }

    private QueryResult set(Session session, ParsedStatement statement) {
        for (SetAssignment assignment : statement.setAssignments()) {
            String value = assignment.literalValue().orElse(assignment.valueText());
            switch (assignment.scope()) {
                case "user" -> session.userVariables().put(assignment.name().toLowerCase(Locale.ROOT), value);
                case "global" -> throw VtException.of(VtCode.UNIMPLEMENTED, SqlState.NOT_SUPPORTED_YET,
                        "VT12001: unsupported: SET GLOBAL %s through vtgate", assignment.name());
                case "session" -> setSessionVariable(session, assignment.name().toLowerCase(Locale.ROOT), value);
                default -> {
                    // SET NAMES and SET TRANSACTION: vtgate always speaks utf8mb4 and the tablets' defaults apply.
                }
            }
        }
        return Results.ok();
    }

    private void setSessionVariable(Session session, String name, String value) {
        if (name.equals("transaction_mode")) {
            session.setTransactionMode(TransactionMode.parse(value));
            return;
        }
        if (name.equals("autocommit")) {
            boolean enable = switch (value.toLowerCase(Locale.ROOT)) {
                case "1", "on", "true" -> true;
                case "0", "off", "false" -> false;
                default -> throw VtException.of(VtCode.INVALID_ARGUMENT, new SqlState(1231, "42000"),
                        "Variable 'autocommit' can't be set to the value of '%s'", value);
            };
            if (enable && session.inTransaction()) {
                shardExecutor.commit(session);
            }
            session.setAutocommit(enable);
            return;
        }
        session.systemVariables().put(name, value);
    }

    private QueryResult show(Session session, ParsedStatement statement) {
        String sql = statement.sql();
        if (sql.trim().toLowerCase(Locale.ROOT).matches("show\\s+(count\\(\\*\\)\\s+)?warnings.*")) {
            return showHandler.warnings();
        }
        Matcher showTables = SHOW_TABLES.matcher(sql);
        if (showTables.matches()) {
            String keyspace = showTables.group(2) != null ? showTables.group(2) : resolver.defaultKeyspace(session);
            if (!servingGraph.hasKeyspace(keyspace)) {
                throw KeyspaceResolver.unknownDatabase(keyspace);
            }
            String tabletSql = "show " + (showTables.group(1) == null ? "" : "full ") + "tables"
                    + (showTables.group(3) == null ? "" : showTables.group(3));
            QueryResult result = runOnKeyspace(session, keyspace, tabletSql, false);
            if (result.getFieldsCount() == 0) {
                return result;
            }
            return result.toBuilder()
                    .setFields(0, result.getFields(0).toBuilder().setName("Tables_in_" + keyspace).setOrgName("Tables_in_" + keyspace))
                    .build();
        }
        return route(session, statement);
    }

    /** Statements the planner does not handle (DDL, CALL, EXPLAIN, ...): to the keyspace their tables name. */
    private QueryResult route(Session session, ParsedStatement statement) {
        checkReplicaDml(session, statement);
        if (isTargeted(session)) {
            return send(session, statement);
        }
        KeyspaceResolver.Resolution resolution = resolver.resolve(session, statement.tables());
        String sql = resolution.qualifiersToStrip().isEmpty() ? statement.sql() : statement.withoutQualifiers(resolution.qualifiersToStrip());
        if (statement.kind() == StatementKind.DDL && shardsOf(session, resolution.keyspace()).size() > 1) {
            // DDL changes every shard's copy of the schema.
            KeyspaceInfo keyspace = new KeyspaceInfo(resolution.keyspace(), true);
            return executePlan(session, new Send(keyspace, new Destination.AllShards(), sql, false), BindVariables.empty(), false);
        }
        return runOnKeyspace(session, resolution.keyspace(), sql, statement.isDml(), statement.readsOnly());
    }

    private List<ShardReference> shardsOf(Session session, String keyspace) {
        List<ShardReference> shards = servingGraph.shards(keyspace, session.tabletType());
        return shards.isEmpty() ? servingGraph.shards(keyspace, TabletType.PRIMARY) : shards;
    }

    private QueryResult runOnKeyspace(Session session, String keyspace, String sql, boolean dml) {
        return runOnKeyspace(session, keyspace, sql, dml, true);
    }

    /** One shard of the keyspace: its only shard, or for a read on a sharded keyspace (SHOW, EXPLAIN) the first. */
    private QueryResult runOnKeyspace(Session session, String keyspace, String sql, boolean dml, boolean readsOnly) {
        TabletType type = session.tabletType();
        List<ShardReference> shards = servingGraph.shards(keyspace, type);
        if (shards.isEmpty()) {
            shards = servingGraph.shards(keyspace, TabletType.PRIMARY);
        }
        if (shards.isEmpty()) {
            throw VtException.of(VtCode.UNAVAILABLE, "keyspace %s has no serving shards", keyspace);
        }
        if (shards.size() > 1 && (dml || !readsOnly)) {
            throw VtException.of(VtCode.UNIMPLEMENTED, SqlState.NOT_SUPPORTED_YET,
                    "VT12001: unsupported: this statement on sharded keyspace %s; target a shard with use %s:<shard>", keyspace, keyspace);
        }
        return run(session, keyspace, shards.getFirst().getName(), type, sql, dml);
    }

    private QueryResult run(Session session, String keyspace, String shard, TabletType type, String sql, boolean dml) {
        io.jvitess.proto.query.Target target = io.jvitess.proto.query.Target.newBuilder()
                .setKeyspace(keyspace)
                .setShard(shard)
                .setTabletType(type)
                .build();
        QueryResult result = shardExecutor.run(session, target, sql);
        if (dml && result.getInsertId() != 0) {
            session.setLastInsertId(result.getInsertId());
        }
        return result;
    }

}
