package io.jvitess.vindexes;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records every statement a lookup vindex runs and answers from canned results, per SQL text, in order. */
final class FakeLookupContext implements LookupContext {

    record Call(String sql, Map<String, BindVariable> bindVariables, CommitOrder order) {
    }

    record OwnerCheck(byte[] keyspaceId, String table, List<String> columns, List<SqlValue> values) {
    }

    final List<Call> calls = new ArrayList<>();
    final List<OwnerCheck> ownerChecks = new ArrayList<>();
    private final Map<String, Deque<Object>> answers = new HashMap<>();
    private boolean inTransactionWithDml;
    private boolean ownerRowExists;

    FakeLookupContext answer(String sql, QueryResult result) {
        answers.computeIfAbsent(sql, key -> new ArrayDeque<>()).add(result);
        return this;
    }

    FakeLookupContext fail(String sql, VtException failure) {
        answers.computeIfAbsent(sql, key -> new ArrayDeque<>()).add(failure);
        return this;
    }

    FakeLookupContext inTransactionWithDml(boolean value) {
        inTransactionWithDml = value;
        return this;
    }

    FakeLookupContext ownerRowExists(boolean value) {
        ownerRowExists = value;
        return this;
    }

    @Override
    public QueryResult execute(String sql, Map<String, BindVariable> bindVariables, CommitOrder order) {
        calls.add(new Call(sql, Map.copyOf(bindVariables), order));
        Deque<Object> queued = answers.get(sql);
        Object answer = queued == null || queued.isEmpty() ? QueryResult.getDefaultInstance() : queued.poll();
        if (answer instanceof VtException failure) {
            throw failure;
        }
        return (QueryResult) answer;
    }

    @Override
    public boolean ownerRowExists(byte[] keyspaceId, String ownerTable, List<String> ownerColumns, List<SqlValue> values) {
        ownerChecks.add(new OwnerCheck(keyspaceId, ownerTable, ownerColumns, values));
        return ownerRowExists;
    }

    @Override
    public boolean inTransactionWithDml() {
        return inTransactionWithDml;
    }

    List<String> statements() {
        return calls.stream().map(Call::sql).toList();
    }

    /** A result whose field types are those of the first row's values. */
    @SafeVarargs
    static QueryResult result(List<SqlValue>... rows) {
        QueryResult.Builder result = QueryResult.newBuilder();
        if (rows.length > 0) {
            for (int column = 0; column < rows[0].size(); column++) {
                result.addFields(Field.newBuilder().setName("c" + column).setType(rows[0].get(column).type()));
            }
        }
        for (List<SqlValue> values : rows) {
            Row.Builder row = Row.newBuilder();
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            for (SqlValue value : values) {
                row.addLengths(value.isNull() ? -1 : value.length());
                packed.writeBytes(value.raw());
            }
            result.addRows(row.setValues(ByteString.copyFrom(packed.toByteArray())));
        }
        return result.build();
    }
}
