package io.jvitess.gateway.executor;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.gateway.healthcheck.HealthCheck;
import io.jvitess.gateway.healthcheck.TabletHealth;
import io.jvitess.gateway.srvtopo.ServingGraph;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vschema.Vindex;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** SHOW statements vtgate answers from its own state (Vitess's column names and order). */
final class ShowHandler {

    private static final List<String> SYSTEM_DATABASES = List.of("information_schema", "mysql", "sys", "performance_schema");

    private final ServingGraph servingGraph;
    private final HealthCheck healthCheck;

    ShowHandler(ServingGraph servingGraph, HealthCheck healthCheck) {
        this.servingGraph = requireNonNull(servingGraph, "servingGraph is null");
        this.healthCheck = requireNonNull(healthCheck, "healthCheck is null");
    }

    QueryResult databases(Optional<String> like) {
        Results results = Results.columns("Database");
        for (String keyspace : servingGraph.keyspaceNames()) {
            if (LikePattern.matches(like, keyspace)) {
                results.row(keyspace);
            }
        }
        for (String database : SYSTEM_DATABASES) {
            if (LikePattern.matches(like, database)) {
                results.row(database);
            }
        }
        return results.build();
    }

    QueryResult keyspaces(Optional<String> like) {
        Results results = Results.columns("Database");
        for (String keyspace : servingGraph.keyspaceNames()) {
            if (LikePattern.matches(like, keyspace)) {
                results.row(keyspace);
            }
        }
        return results.build();
    }

    QueryResult vitessTablets(Optional<String> like) {
        Results results = Results.columns("Cell", "Keyspace", "Shard", "TabletType", "State", "Alias", "Hostname", "PrimaryTermStartTime");
        for (TabletHealth health : healthCheck.all()) {
            if (!LikePattern.matches(like, health.tablet().getHostname())) {
                continue;
            }
            TabletType type = health.target().getTabletType();
            String termStart = type == TabletType.PRIMARY && health.primaryTermStartSeconds() > 0
                    ? DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(health.primaryTermStartSeconds()))
                    : "";
            results.row(health.tablet().getAlias().getCell(), health.target().getKeyspace(), health.target().getShard(),
                    type.name(), health.servingState() ? "SERVING" : "NOT_SERVING",
                    TabletAliases.format(health.tablet().getAlias()), health.tablet().getHostname(), termStart);
        }
        return results.build();
    }

    QueryResult vitessShards(Session session, Optional<String> like) {
        Results results = Results.columns("Shards");
        for (String keyspace : servingGraph.keyspaceNames()) {
            for (ShardReference shard : servingGraph.shards(keyspace, session.tabletType())) {
                String name = keyspace + "/" + shard.getName();
                if (LikePattern.matches(like, name)) {
                    results.row(name);
                }
            }
        }
        return results.build();
    }

    QueryResult vitessTarget(Session session) {
        return Results.columns("Target").row(session.target().format()).build();
    }

    QueryResult warnings() {
        return new Results().column("Level", io.jvitess.proto.query.Type.VARCHAR)
                .column("Code", io.jvitess.proto.query.Type.UINT16)
                .column("Message", io.jvitess.proto.query.Type.VARCHAR)
                .build();
    }

    QueryResult vschemaTables(Session session) {
        Keyspace keyspace = selectedVSchema(session);
        Results results = Results.columns("Tables");
        keyspace.getTablesMap().keySet().stream().sorted().forEach(results::row);
        return results.build();
    }

    QueryResult vschemaKeyspaces() {
        Results results = Results.columns("Keyspace", "Sharded", "Foreign Key", "Comment");
        new TreeMap<>(servingGraph.vschema().getKeyspacesMap()).forEach((name, keyspace) -> results.row(name,
                Boolean.toString(keyspace.getSharded()), foreignKeyMode(keyspace), ""));
        return results.build();
    }

    QueryResult vschemaVindexes(Session session) {
        Results results = Results.columns("Keyspace", "Name", "Type", "Params", "Owner");
        Map<String, Keyspace> keyspaces = new TreeMap<>(servingGraph.vschema().getKeyspacesMap());
        keyspaces.forEach((keyspaceName, keyspace) -> {
            if (session.keyspace().isPresent() && !session.keyspace().get().equals(keyspaceName)) {
                return;
            }
            new TreeMap<>(keyspace.getVindexesMap()).forEach((name, vindex) ->
                    results.row(keyspaceName, name, vindex.getType(), params(vindex), vindex.getOwner()));
        });
        return results.build();
    }

    private Keyspace selectedVSchema(Session session) {
        String keyspace = session.keyspace().orElseThrow(() -> VtException.of(VtCode.FAILED_PRECONDITION, SqlState.NO_DB,
                "VT09005: no database selected: use keyspace<:shard><@type> or keyspace<[range]><@type> (<> are optional)"));
        Keyspace vschema = servingGraph.vschema().getKeyspacesMap().get(keyspace);
        if (vschema == null) {
            throw KeyspaceResolver.unknownDatabase(keyspace);
        }
        return vschema;
    }

    private static String params(Vindex vindex) {
        return new TreeMap<>(vindex.getParamsMap()).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String foreignKeyMode(Keyspace keyspace) {
        return switch (keyspace.getForeignKeyMode()) {
            case disallow -> "disallow";
            case managed -> "managed";
            case unspecified, unmanaged, UNRECOGNIZED -> "unmanaged";
        };
    }
}
