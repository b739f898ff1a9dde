package io.jvitess.ctld.schema;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.vtctldata.ApplySchemaRequest;
import io.jvitess.proto.vtctldata.ApplySchemaResponse;
import io.jvitess.sql.split.StatementSplitter;
import io.jvitess.topo.TopoServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.Objects.requireNonNull;

/**
 * ApplySchema with the {@code direct} strategy: every statement runs on every shard's primary, in
 * parallel across shards and in order within a shard; replicas follow by replication.
 */
public final class SchemaApplier {

    private final TopoServer topo;
    private final TabletManagerClient tablets;

    public SchemaApplier(TopoServer topo, TabletManagerClient tablets) {
        this.topo = requireNonNull(topo, "topo is null");
        this.tablets = requireNonNull(tablets, "tablets is null");
    }

    public ApplySchemaResponse apply(ApplySchemaRequest request) {
        String strategy = request.getDdlStrategy().isEmpty() ? "direct" : request.getDdlStrategy().split("\\s+")[0];
        if (!strategy.equals("direct")) {
            throw VtException.of(VtCode.UNIMPLEMENTED, "ddl strategy %s is not supported yet; use direct", strategy);
        }
        List<String> statements = new ArrayList<>();
        for (String sql : request.getSqlList()) {
            statements.addAll(StatementSplitter.split(sql));
        }
        if (statements.isEmpty()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "Empty SQL: no statements to apply");
        }
        List<String> shards = topo.getShardNames(request.getKeyspace());
        if (shards.isEmpty()) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "keyspace %s has no shards", request.getKeyspace());
        }
        Map<String, Long> rowsAffected = new ConcurrentHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> results = new ArrayList<>();
            for (String shardName : shards) {
                results.add(executor.submit(() -> rowsAffected.put(shardName, applyOnShard(request.getKeyspace(), shardName, statements))));
            }
            for (Future<?> result : results) {
                await(result);
            }
        }
        ApplySchemaResponse.Builder response = ApplySchemaResponse.newBuilder();
        rowsAffected.forEach(response::putRowsAffectedByShard);
        return response.build();
    }

    private long applyOnShard(String keyspace, String shardName, List<String> statements) {
        Shard shard = topo.getShard(keyspace, shardName).value();
        if (!shard.hasPrimaryAlias()) {
            throw VtException.of(VtCode.UNAVAILABLE, "shard %s/%s has no primary", keyspace, shardName);
        }
        Tablet primary = topo.getTablet(shard.getPrimaryAlias()).value();
        String database = primary.getDbNameOverride().isEmpty() ? "vt_" + keyspace : primary.getDbNameOverride();
        long rows = 0;
        for (String statement : statements) {
            rows += tablets.executeFetchAsDba(primary, statement, database, false).getRowsAffected();
        }
        return rows;
    }

    private static void await(Future<?> result) {
        try {
            result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw VtException.of(VtCode.INTERNAL, "schema change failed: %s", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VtException.of(VtCode.CANCELED, "interrupted while applying schema");
        }
    }
}
