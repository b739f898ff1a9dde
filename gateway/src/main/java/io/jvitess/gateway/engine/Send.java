package io.jvitess.gateway.engine;

import io.jvitess.common.key.Destination;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.vschema.KeyspaceInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Sends the statement unchanged to a destination: a session targeting a shard, or DDL to every shard. */
public record Send(KeyspaceInfo keyspace, Destination destination, String sql, boolean dml) implements Primitive {

    public Send {
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(sql, "sql is null");
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        List<String> shards = destination.resolve(context.destinations().shards(keyspace.name()));
        List<ShardQuery> queries = new ArrayList<>();
        for (String shard : shards) {
            queries.add(new ShardQuery(keyspace.name(), shard, sql));
        }
        if (queries.isEmpty()) {
            return ResultSet.empty();
        }
        return Route.concatenate(context.shardQueries().execute(queries, false));
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return execute(context, bindVariables).withRows(List.of());
    }

    @Override
    public Map<String, Object> describe() {
        return Description.of("Send")
                .keyspace(keyspace.name(), keyspace.sharded())
                .targetDestination(destination.describe().replaceFirst("^Destination", ""))
                .put("IsDML", dml ? Boolean.TRUE : null)
                .put("Query", sql)
                .build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of();
    }

    @Override
    public boolean isDml() {
        return dml;
    }
}
