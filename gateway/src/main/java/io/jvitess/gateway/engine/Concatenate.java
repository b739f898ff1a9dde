package io.jvitess.gateway.engine;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.proto.query.Field;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** UNION ALL of its inputs, in order; the column names come from the first input. */
public record Concatenate(List<Primitive> sources) implements Primitive {

    public Concatenate {
        sources = List.copyOf(sources);
        if (sources.size() < 2) {
            throw new IllegalArgumentException("concatenate needs at least two inputs");
        }
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        List<Field> fields = List.of();
        List<List<SqlValue>> rows = new ArrayList<>();
        for (Primitive source : sources) {
            ResultSet result = source.execute(context, bindVariables);
            List<Field> sourceFields = result.fields().isEmpty() ? source.fields(context, bindVariables).fields() : result.fields();
            if (fields.isEmpty()) {
                fields = sourceFields;
            } else if (!sourceFields.isEmpty() && sourceFields.size() != fields.size()) {
                throw VtException.of(VtCode.FAILED_PRECONDITION, new SqlState(1222, "21000"),
                        "The used SELECT statements have a different number of columns");
            }
            rows.addAll(result.rows());
        }
        return ResultSet.of(fields, rows);
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return sources.getFirst().fields(context, bindVariables);
    }

    @Override
    public Map<String, Object> describe() {
        return Description.of("Concatenate").inputs(sources).build();
    }

    @Override
    public List<Primitive> inputs() {
        return sources;
    }
}
