package io.jvitess.gateway.engine;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.topodata.ShardReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

import static java.util.Objects.requireNonNull;

/**
 * Sends one query to the shards its routing picks and combines the results: concatenated, or
 * merge-sorted when the query has an ORDER BY (each shard returns its rows sorted). Helper
 * columns added for sorting are cut off ({@code truncateColumnCount}).
 */
public record Route(RoutingParameters routing, SqlTemplate query, SqlTemplate fieldQuery, List<OrderByParams> orderBy,
                    int truncateColumnCount, String tableName) implements Primitive {

    public Route {
        requireNonNull(routing, "routing is null");
        requireNonNull(query, "query is null");
        requireNonNull(fieldQuery, "fieldQuery is null");
        orderBy = List.copyOf(orderBy);
        requireNonNull(tableName, "tableName is null");
    }

    public Route withOrderBy(List<OrderByParams> newOrderBy, int newTruncateColumnCount) {
        return new Route(routing, query, fieldQuery, newOrderBy, newTruncateColumnCount, tableName);
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        List<ShardRoute> targets = routing.resolve(context, bindVariables);
        if (targets.isEmpty()) {
            return fields(context, bindVariables);
        }
        List<ShardQuery> queries = new ArrayList<>(targets.size());
        for (ShardRoute target : targets) {
            BindVariables shardVariables = bindVariables.withAll(target.shardBindVariables());
            queries.add(new ShardQuery(routing.keyspace().name(), target.shard(), query.render(shardVariables)));
        }
        List<ResultSet> results = context.shardQueries().execute(queries, routing.opcode() == RouteOpcode.NEXT);
        ResultSet combined = orderBy.isEmpty() ? concatenate(results) : mergeSorted(results);
        return combined.truncateColumns(truncateColumnCount);
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        List<ShardReference> shards = context.destinations().shards(routing.keyspace().name());
        if (shards.isEmpty()) {
            return ResultSet.empty();
        }
        ShardQuery query = new ShardQuery(routing.keyspace().name(), shards.getFirst().getName(), fieldQuery.render(bindVariables.withAll(
                Map.of(RoutingParameters.IN_LIST_VARIABLE, io.jvitess.gateway.evaluation.BoundValue.ofList(List.of())))));
        ResultSet result = context.shardQueries().execute(List.of(query), false).getFirst();
        return result.withRows(List.of()).truncateColumns(truncateColumnCount);
    }

    /** Rows of all shards in shard order; counters summed. */
    static ResultSet concatenate(List<ResultSet> results) {
        if (results.size() == 1) {
            return results.getFirst();
        }
        List<Field> fields = List.of();
        List<List<SqlValue>> rows = new ArrayList<>();
        long rowsAffected = 0;
        long insertId = 0;
        for (ResultSet result : results) {
            if (fields.isEmpty()) {
                fields = result.fields();
            }
            rows.addAll(result.rows());
            rowsAffected += result.rowsAffected();
            if (insertId == 0) {
                insertId = result.insertId();
            }
        }
        return new ResultSet(fields, rows, rowsAffected, insertId);
    }

    private ResultSet mergeSorted(List<ResultSet> results) {
        List<Field> fields = results.stream().map(ResultSet::fields).filter(list -> !list.isEmpty()).findFirst().orElse(List.of());
        if (results.size() == 1) {
            return results.getFirst();
        }
        RowComparator comparator = new RowComparator(orderBy, fields);
        record Cursor(List<List<SqlValue>> rows, int shardIndex, int position) {
        }
        PriorityQueue<Cursor> heads = new PriorityQueue<>((left, right) -> {
            int comparison = comparator.compare(left.rows().get(left.position()), right.rows().get(right.position()));
            return comparison != 0 ? comparison : Integer.compare(left.shardIndex(), right.shardIndex());
        });
        int total = 0;
        for (int index = 0; index < results.size(); index++) {
            List<List<SqlValue>> rows = results.get(index).rows();
            total += rows.size();
            if (!rows.isEmpty()) {
                heads.add(new Cursor(rows, index, 0));
            }
        }
        List<List<SqlValue>> merged = new ArrayList<>(total);
        while (!heads.isEmpty()) {
            Cursor head = heads.poll();
            merged.add(head.rows().get(head.position()));
            if (head.position() + 1 < head.rows().size()) {
                heads.add(new Cursor(head.rows(), head.shardIndex(), head.position() + 1));
            }
        }
        return ResultSet.of(fields, merged);
    }

    @Override
    public Map<String, Object> describe() {
        Description description = Description.of("Route")
                .variant(routing.opcode().displayName())
                .keyspace(routing.keyspace().name(), routing.keyspace().sharded())
                .put("FieldQuery", routing.opcode() == RouteOpcode.NEXT || fieldQuery.sql().equals(query.sql()) ? null : fieldQuery.sql())
                .put("Query", query.sql())
                .put("Table", tableName.isEmpty() ? null : tableName);
        if (!orderBy.isEmpty()) {
            description.put("OrderBy", String.join(", ", orderBy.stream().map(OrderByParams::describe).toList()));
        }
        if (truncateColumnCount > 0) {
            description.put("ResultColumns", truncateColumnCount);
        } else if (truncateColumnCount < 0) {
            description.put("DropTrailingColumns", -truncateColumnCount);
        }
        routing.describeInto(description);
        return description.build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of();
    }

    public Optional<String> vindexName() {
        return routing.vindex().map(vindex -> vindex.name());
    }
}
