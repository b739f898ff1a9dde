package io.jvitess.gateway.engine;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.EvalContext;
import io.jvitess.gateway.evaluation.Numbers;
import io.jvitess.gateway.evaluation.SqlLiterals;
import io.jvitess.gateway.evaluation.SqlTypes;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.proto.query.Type;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.vindexes.LookupVindex;
import io.jvitess.vindexes.MultiColumnVindex;
import io.jvitess.vindexes.SingleColumnVindex;
import io.jvitess.vindexes.Vindex;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import static java.util.Objects.requireNonNull;

/**
 * INSERT ... VALUES: fills auto-increment columns from their sequence, computes each row's
 * keyspace id from the primary vindex, writes owned lookup vindex rows, then sends each shard
 * only its rows. The first generated id becomes LAST_INSERT_ID.
 */
public record Insert(boolean sharded, KeyspaceInfo keyspace, String tableName, String prefix, List<List<InsertCell>> rows,
                     SqlTemplate suffix, List<InsertVindex> vindexes, int autoIncrementCell, Optional<SequenceSource> sequence,
                     boolean ignore) implements Primitive {

    public Insert {
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(tableName, "tableName is null");
        requireNonNull(prefix, "prefix is null");
        rows = rows.stream().map(List::copyOf).toList();
        requireNonNull(suffix, "suffix is null");
        vindexes = List.copyOf(vindexes);
        requireNonNull(sequence, "sequence is null");
        if (sharded && vindexes.isEmpty()) {
            throw new IllegalArgumentException("a sharded insert needs the primary vindex");
        }
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        EvalContext evaluation = EvalContext.of(bindVariables);
        List<Map<Integer, SqlValue>> values = new ArrayList<>(rows.size());
        for (List<InsertCell> row : rows) {
            Map<Integer, SqlValue> rowValues = new LinkedHashMap<>();
            for (int index = 0; index < row.size(); index++) {
                Optional<io.jvitess.gateway.evaluation.EvalExpression> expression = row.get(index).value();
                if (expression.isPresent()) {
                    rowValues.put(index, expression.get().evaluate(evaluation));
                }
            }
            values.add(rowValues);
        }
        long insertId = fillAutoIncrement(context, values);
        List<String> shards;
        if (sharded) {
            List<byte[]> keyspaceIds = keyspaceIds(context, values);
            createLookupRows(context, values, keyspaceIds);
            shards = shardsOf(context, keyspaceIds);
        } else {
            List<ShardReference> all = context.destinations().shards(keyspace.name());
            if (all.isEmpty()) {
                throw VtException.of(VtCode.UNAVAILABLE, "keyspace %s has no serving shards", keyspace.name());
            }
            shards = java.util.Collections.nCopies(rows.size(), all.getFirst().getName());
        }
        Map<String, StringJoiner> perShard = new LinkedHashMap<>();
        for (int rowIndex = 0; rowIndex < rows.size(); rowIndex++) {
            perShard.computeIfAbsent(shards.get(rowIndex), ignored -> new StringJoiner(", "))
                    .add(renderRow(rows.get(rowIndex), values.get(rowIndex), rowIndex, bindVariables));
        }
        String renderedSuffix = suffix.render(bindVariables);
        List<ShardQuery> queries = new ArrayList<>();
        perShard.forEach((shard, rowsText) -> queries.add(new ShardQuery(keyspace.name(), shard, prefix + rowsText + renderedSuffix)));
        ResultSet result = Route.concatenate(context.shardQueries().execute(queries, false));
        return new ResultSet(List.of(), List.of(), result.rowsAffected(), insertId != 0 ? insertId : result.insertId());
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
        return sharded && (rows.size() > 1 || vindexes.stream().skip(1).anyMatch(vindex -> vindex.columnVindex().owned()));
    }

    /** Generates values for NULL, 0 and missing auto-increment cells; returns the first generated (0 if none). */
    private long fillAutoIncrement(ExecutionContext context, List<Map<Integer, SqlValue>> values) {
        if (sequence.isEmpty() || autoIncrementCell < 0) {
            return 0;
        }
        List<Integer> holes = new ArrayList<>();
        for (int rowIndex = 0; rowIndex < values.size(); rowIndex++) {
            SqlValue value = values.get(rowIndex).getOrDefault(autoIncrementCell, SqlValue.NULL);
            if (value.isNull() || isZero(value)) {
                holes.add(rowIndex);
            }
        }
        if (holes.isEmpty()) {
            return 0;
        }
        long first = sequence.get().reserve(context, holes.size());
        for (int index = 0; index < holes.size(); index++) {
            values.get(holes.get(index)).put(autoIncrementCell, SqlValue.ofLong(first + index));
        }
        return first;
    }

    /** Vitess generates for any value that coerces to the integer 0 (NO_AUTO_VALUE_ON_ZERO is not consulted). */
    private static boolean isZero(SqlValue value) {
        if (!SqlTypes.isNumber(value.type()) && !SqlTypes.isText(value.type()) && !SqlTypes.isBinary(value.type())) {
            return false;
        }
        String text = value.text().trim();
        if (!text.matches("[+-]?\\d+(\\.0*)?")) {
            return false;
        }
        return Numbers.toDecimal(SqlValue.of(Type.DECIMAL, text)).compareTo(BigDecimal.ZERO) == 0;
    }

    private List<byte[]> keyspaceIds(ExecutionContext context, List<Map<Integer, SqlValue>> values) {
        InsertVindex primary = vindexes.getFirst();
        List<Destination> destinations = map(context, primary, values);
        List<byte[]> keyspaceIds = new ArrayList<>(destinations.size());
        for (int rowIndex = 0; rowIndex < destinations.size(); rowIndex++) {
            if (destinations.get(rowIndex) instanceof Destination.KeyspaceId keyspaceId) {
                keyspaceIds.add(keyspaceId.id());
            } else {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "could not map %s to a keyspace id",
                        columnValues(primary, values.get(rowIndex)));
            }
        }
        return keyspaceIds;
    }

    private static List<Destination> map(ExecutionContext context, InsertVindex insertVindex, List<Map<Integer, SqlValue>> values) {
        Vindex vindex = insertVindex.columnVindex().vindex();
        if (vindex instanceof SingleColumnVindex single) {
            List<SqlValue> keys = values.stream().map(row -> columnValues(insertVindex, row).getFirst()).toList();
            return single.map(context.lookups(), keys);
        }
        if (vindex instanceof MultiColumnVindex multi) {
            return multi.map(context.lookups(), values.stream().map(row -> columnValues(insertVindex, row)).toList());
        }
        throw VtException.of(VtCode.INTERNAL, "VT13001: [BUG] vindex %s can neither map one column nor several", vindex.name());
    }

    private static List<SqlValue> columnValues(InsertVindex insertVindex, Map<Integer, SqlValue> row) {
        List<SqlValue> columns = new ArrayList<>(insertVindex.cellIndexes().size());
        for (int cell : insertVindex.cellIndexes()) {
            columns.add(cell < 0 ? SqlValue.NULL : row.getOrDefault(cell, SqlValue.NULL));
        }
        return columns;
    }

    private void createLookupRows(ExecutionContext context, List<Map<Integer, SqlValue>> values, List<byte[]> keyspaceIds) {
        for (InsertVindex insertVindex : vindexes.subList(1, vindexes.size())) {
            if (!insertVindex.columnVindex().owned() || !(insertVindex.columnVindex().vindex() instanceof LookupVindex lookup)) {
                continue;
            }
            List<List<SqlValue>> rowsColumns = values.stream().map(row -> columnValues(insertVindex, row)).toList();
            lookup.create(context.lookups(), rowsColumns, keyspaceIds, ignore);
        }
    }

    private List<String> shardsOf(ExecutionContext context, List<byte[]> keyspaceIds) {
        List<ShardReference> all = context.destinations().shards(keyspace.name());
        List<String> shards = new ArrayList<>(keyspaceIds.size());
        for (byte[] keyspaceId : keyspaceIds) {
            try {
                shards.add(new Destination.KeyspaceId(keyspaceId).resolve(all).getFirst());
            } catch (IllegalArgumentException e) {
                throw VtException.of(VtCode.FAILED_PRECONDITION, "%s", e.getMessage());
            }
        }
        return shards;
    }

    private static String renderRow(List<InsertCell> row, Map<Integer, SqlValue> values, int rowIndex, BindVariables bindVariables) {
        StringJoiner cells = new StringJoiner(", ", "(", ")");
        for (int index = 0; index < row.size(); index++) {
            SqlValue value = values.get(index);
            cells.add(value != null ? SqlLiterals.format(value) : row.get(index).sql().render(bindVariables));
        }
        return cells.toString();
    }

    @Override
    public Map<String, Object> describe() {
        StringJoiner rowsText = new StringJoiner(", ");
        for (List<InsertCell> row : rows) {
            rowsText.add(row.stream().map(cell -> cell.sql().sql()).reduce((left, right) -> left + ", " + right)
                    .map(text -> "(" + text + ")").orElse("()"));
        }
        Map<String, String> vindexValues = new java.util.TreeMap<>();
        for (InsertVindex insertVindex : vindexes) {
            List<String> perRow = new ArrayList<>();
            for (List<InsertCell> row : rows) {
                List<String> columns = new ArrayList<>();
                for (int cell : insertVindex.cellIndexes()) {
                    columns.add(cell < 0 ? "null" : row.get(cell).sql().sql());
                }
                perRow.add(columns.size() == 1 ? columns.getFirst() : "(" + String.join(", ", columns) + ")");
            }
            vindexValues.put(insertVindex.columnVindex().name(), String.join(", ", perRow));
        }
        return Description.of("Insert")
                .variant(sharded ? "Sharded" : "Unsharded")
                .keyspace(keyspace.name(), keyspace.sharded())
                .put("TargetTabletType", "PRIMARY")
                .put("AutoIncrement", sequence.map(SequenceSource::describe).orElse(null))
                .put("InsertIgnore", ignore ? Boolean.TRUE : null)
                .put("Query", prefix + rowsText + suffix.sql())
                .put("TableName", tableName)
                .put("VindexValues", vindexValues)
                .build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of();
    }
}
