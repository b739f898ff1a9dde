package io.jvitess.gateway.engine;

import com.google.protobuf.ByteString;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Type;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.vindexes.LookupContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Shards for engine tests: records every statement as {@code ks/shard: sql} (in execution order
 * per call, sorted within a parallel batch) and answers with canned results chosen by a function.
 */
final class FakeShards implements ShardQueryExecutor, DestinationResolver, LookupContext {

    private final Map<String, List<ShardReference>> keyspaces = new LinkedHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private Function<ShardQuery, ResultSet> responder = query -> ResultSet.empty();

    FakeShards keyspace(String name, String... shardNames) {
        List<ShardReference> shards = new ArrayList<>();
        for (String shard : shardNames) {
            shards.add(ShardReference.newBuilder().setName(shard).setKeyRange(KeyRanges.fromShardName(shard)).build());
        }
        keyspaces.put(name, shards);
        return this;
    }

    FakeShards respond(Function<ShardQuery, ResultSet> function) {
        this.responder = function;
        return this;
    }

    ExecutionContext context() {
        return new ExecutionContext(this, this, this);
    }

    List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public List<ResultSet> execute(List<ShardQuery> queries, boolean outsideTransaction) {
        List<ResultSet> results = new ArrayList<>();
        for (ShardQuery query : queries) {
            log.add(query.keyspace() + "/" + query.shard() + ": " + query.sql() + (outsideTransaction ? " [autocommit]" : ""));
            results.add(responder.apply(query));
        }
        return results;
    }

    @Override
    public List<ShardReference> shards(String keyspace) {
        List<ShardReference> shards = keyspaces.get(keyspace);
        if (shards == null) {
            throw new IllegalArgumentException("no keyspace " + keyspace);
        }
        return shards;
    }

    @Override
    public QueryResult execute(String sql, Map<String, BindVariable> bindVariables, CommitOrder order) {
        log.add("lookup: " + sql + " " + bindVariables.keySet());
        return QueryResult.getDefaultInstance();
    }

    /** A result from compact text: columns "name:TYPE", rows as "|"-separated values, "null" for NULL. */
    static ResultSet result(String columns, String... rows) {
        List<Field> fields = new ArrayList<>();
        for (String column : columns.split(",")) {
            String[] parts = column.trim().split(":");
            fields.add(Field.newBuilder().setName(parts[0]).setType(Type.valueOf(parts[1])).build());
        }
        List<List<SqlValue>> values = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split("\\|", -1);
            List<SqlValue> rowValues = new ArrayList<>();
            for (int index = 0; index < cells.length; index++) {
                rowValues.add(cells[index].equals("null") ? SqlValue.NULL : SqlValue.of(fields.get(index).getType(), cells[index]));
            }
            values.add(rowValues);
        }
        return ResultSet.of(fields, values);
    }

    /** Rows as "|"-separated text, for assertions. */
    static List<String> rows(ResultSet result) {
        List<String> rows = new ArrayList<>();
        for (List<SqlValue> row : result.rows()) {
            rows.add(String.join("|", row.stream().map(value -> value.isNull() ? "null" : value.text()).toList()));
        }
        return rows;
    }

    static ByteString bytes(String text) {
        return ByteString.copyFromUtf8(text);
    }
}
