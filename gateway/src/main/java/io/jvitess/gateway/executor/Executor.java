package io.jvitess.gateway.executor;

import io.jvitess.common.errors.SqlState;
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

    private final ServingGraph servingGraph;
    private final ShardExecutor shardExecutor;
    private final KeyspaceResolver resolver;
    private final LocalSelect localSelect;
    private final ShowHandler showHandler;

    public Executor(ServingGraph servingGraph, HealthCheck healthCheck, TabletGateway gateway, String serverVersion) {
        this.servingGraph = requireNonNull(servingGraph, "servingGraph is null");
        this.shardExecutor = new ShardExecutor(gateway);
        this.resolver = new KeyspaceResolver(servingGraph);
        this.localSelect = new LocalSelect(serverVersion);
        this.showHandler = new ShowHandler(servingGraph, healthCheck);
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
                    .orElseGet(() -> route(session, statement));
            default -> route(session, statement);
        };
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
            case SelectNext ignored -> throw unsupported("SELECT NEXT VALUES needs sequence support (coming with sharded keyspaces)");
            case VExplain ignored -> throw unsupported("VEXPLAIN needs the query planner (coming with sharded keyspaces)");
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

    private QueryResult route(Session session, ParsedStatement statement) {
        Target target = session.target();
        TabletType type = session.tabletType();
        if (!statement.readsOnly() && type != TabletType.PRIMARY && (statement.isDml() || statement.kind() == StatementKind.DDL)) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, new SqlState(1874, "HY000"),
                    "VT09002: %s statement with a replica target", statement.kind().name().toLowerCase(Locale.ROOT));
        }
        if (target.shard().isPresent()) {
            return run(session, target.keyspace(), target.shard().get(), type, statement.sql(), statement.isDml());
        }
        KeyspaceResolver.Resolution resolution = resolver.resolve(session, statement.tables());
        String sql = resolution.qualifiersToStrip().isEmpty() ? statement.sql() : statement.withoutQualifiers(resolution.qualifiersToStrip());
        return runOnKeyspace(session, resolution.keyspace(), sql, statement.isDml());
    }

    private QueryResult runOnKeyspace(Session session, String keyspace, String sql, boolean dml) {
        TabletType type = session.tabletType();
        List<ShardReference> shards = servingGraph.shards(keyspace, type);
        if (shards.isEmpty()) {
            shards = servingGraph.shards(keyspace, TabletType.PRIMARY);
        }
        if (shards.isEmpty()) {
            throw VtException.of(VtCode.UNAVAILABLE, "keyspace %s has no serving shards", keyspace);
        }
        if (shards.size() > 1) {
            throw VtException.of(VtCode.UNIMPLEMENTED, SqlState.NOT_SUPPORTED_YET,
                    "VT12001: unsupported: query on sharded keyspace %s needs the sharded planner; target a shard with use %s:<shard>",
                    keyspace, keyspace);
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
