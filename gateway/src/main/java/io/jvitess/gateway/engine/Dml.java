package io.jvitess.gateway.engine;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.Comparisons;
import io.jvitess.gateway.evaluation.EvalContext;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.ColumnVindex;
import io.jvitess.vindexes.LookupVindex;
import io.jvitess.vindexes.MultiColumnVindex;
import io.jvitess.vindexes.SingleColumnVindex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * UPDATE or DELETE on the shards its WHERE clause routes to. When the table owns lookup
 * vindexes, the affected rows are read first ({@code for update}) so their lookup rows can be
 * deleted (DELETE) or moved to the new values (UPDATE of a lookup column).
 */
public record Dml(Kind kind, RoutingParameters routing, SqlTemplate query, String tableName,
                  Optional<OwnedVindexMaintenance> ownedVindexes) implements Primitive {

    /** What the statement does; INSERT is used for pass-through inserts (INSERT ... SELECT, reference tables). */
    public enum Kind { INSERT, UPDATE, DELETE }

    public Dml {
        requireNonNull(kind, "kind is null");
        requireNonNull(routing, "routing is null");
        requireNonNull(query, "query is null");
        requireNonNull(tableName, "tableName is null");
        requireNonNull(ownedVindexes, "ownedVindexes is null");
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        List<ShardRoute> targets = routing.resolve(context, bindVariables);
        if (targets.isEmpty()) {
            return ResultSet.empty();
        }
        if (ownedVindexes.isPresent()) {
            maintainLookups(context, bindVariables, targets, ownedVindexes.get());
        }
        ResultSet result = Route.concatenate(context.shardQueries().execute(queries(query, targets, bindVariables), false));
        return new ResultSet(List.of(), List.of(), result.rowsAffected(), result.insertId());
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return ResultSet.empty();
    }

    @Override
    public boolean isDml() {
        return true;
    }

    @Override
    public boolean needsTransaction() {
        return ownedVindexes.isPresent() || !routing.opcode().isSingleShard();
    }

    private List<ShardQuery> queries(SqlTemplate template, List<ShardRoute> targets, BindVariables bindVariables) {
        List<ShardQuery> queries = new ArrayList<>(targets.size());
        for (ShardRoute target : targets) {
            queries.add(new ShardQuery(routing.keyspace().name(), target.shard(), template.render(bindVariables.withAll(target.shardBindVariables()))));
        }
        return queries;
    }

    private void maintainLookups(ExecutionContext context, BindVariables bindVariables, List<ShardRoute> targets,
                                 OwnedVindexMaintenance maintenance) {
        ResultSet affected = Route.concatenate(context.shardQueries().execute(queries(maintenance.selectQuery(), targets, bindVariables), false));
        EvalContext evaluation = EvalContext.of(bindVariables);
        for (List<SqlValue> row : affected.rows()) {
            byte[] keyspaceId = keyspaceId(context, maintenance, row);
            for (Map.Entry<ColumnVindex, List<Integer>> owned : maintenance.ownedOffsets().entrySet()) {
                if (!(owned.getKey().vindex() instanceof LookupVindex lookup)) {
                    continue;
                }
                List<SqlValue> oldValues = pick(row, owned.getValue());
                if (kind == Kind.DELETE) {
                    lookup.delete(context.lookups(), List.of(oldValues), keyspaceId);
                    continue;
                }
                List<EvalExpression> newExpressions = maintenance.changedValues().get(owned.getKey().name());
                if (newExpressions == null) {
                    continue;
                }
                List<SqlValue> newValues = newExpressions.stream().map(expression -> expression.evaluate(evaluation.withRow(affected.fields(), row))).toList();
                if (!sameValues(oldValues, newValues)) {
                    lookup.update(context.lookups(), oldValues, keyspaceId, newValues);
                }
            }
        }
    }

    private static boolean sameValues(List<SqlValue> left, List<SqlValue> right) {
        for (int index = 0; index < left.size(); index++) {
            SqlValue leftValue = left.get(index);
            SqlValue rightValue = right.get(index);
            if (leftValue.isNull() != rightValue.isNull()) {
                return false;
            }
            if (!leftValue.isNull() && Comparisons.compare(leftValue, rightValue, io.jvitess.gateway.evaluation.Collation.BINARY) != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] keyspaceId(ExecutionContext context, OwnedVindexMaintenance maintenance, List<SqlValue> row) {
        List<SqlValue> primaryValues = pick(row, maintenance.primaryOffsets());
        List<Destination> destinations = switch (maintenance.primary().vindex()) {
            case SingleColumnVindex single -> single.map(context.lookups(), List.of(primaryValues.getFirst()));
            case MultiColumnVindex multi -> multi.map(context.lookups(), List.of(primaryValues));
            default -> throw VtException.of(VtCode.INTERNAL, "VT13001: [BUG] primary vindex %s cannot map", maintenance.primary().name());
        };
        if (destinations.getFirst() instanceof Destination.KeyspaceId keyspaceId) {
            return keyspaceId.id();
        }
        throw VtException.of(VtCode.INVALID_ARGUMENT, "could not map %s to a keyspace id", primaryValues);
    }

    private static List<SqlValue> pick(List<SqlValue> row, List<Integer> offsets) {
        List<SqlValue> values = new ArrayList<>(offsets.size());
        for (int offset : offsets) {
            values.add(row.get(offset));
        }
        return values;
    }

    @Override
    public Map<String, Object> describe() {
        Description description = Description.of(switch (kind) {
                    case INSERT -> "Insert";
                    case UPDATE -> "Update";
                    case DELETE -> "Delete";
                })
                .variant(routing.opcode().displayName())
                .keyspace(routing.keyspace().name(), routing.keyspace().sharded())
                .put("TargetTabletType", "PRIMARY")
                .put("Query", query.sql())
                .put("Table", tableName);
        ownedVindexes.ifPresent(maintenance -> {
            description.put("KsidVindex", maintenance.primary().name());
            description.put("KsidLength", maintenance.primaryOffsets().size());
            description.put("OwnedVindexQuery", maintenance.selectQuery().sql());
            if (!maintenance.changedValues().isEmpty()) {
                Map<String, String> changed = new TreeMap<>();
                maintenance.changedValues().forEach((name, values) ->
                        changed.put(name, String.join(", ", values.stream().map(EvalExpression::describe).toList())));
                description.put("ChangedVindexValues", changed);
            }
        });
        routing.describeInto(description);
        return description.build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of();
    }
}
