package io.jvitess.gateway.evaluation;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Field;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What an expression is evaluated against: bind variables and, for row expressions, one row and its fields. */
public record EvalContext(BindVariables bindVariables, List<Field> fields, List<SqlValue> row) {

    public EvalContext {
        requireNonNull(bindVariables, "bindVariables is null");
        fields = List.copyOf(fields);
        row = List.copyOf(row);
    }

    public static EvalContext of(BindVariables bindVariables) {
        return new EvalContext(bindVariables, List.of(), List.of());
    }

    public EvalContext withRow(List<Field> rowFields, List<SqlValue> values) {
        return new EvalContext(bindVariables, rowFields, values);
    }

    public SqlValue column(int offset) {
        if (offset < 0 || offset >= row.size()) {
            throw new IllegalStateException("column offset " + offset + " outside a row of " + row.size() + " columns");
        }
        return row.get(offset);
    }

    public Collation collation(int offset) {
        return offset < fields.size() ? Collation.forField(fields.get(offset)) : Collation.CASE_INSENSITIVE;
    }
}
