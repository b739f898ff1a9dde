package io.jvitess.gateway.engine;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.Collation;
import io.jvitess.gateway.evaluation.Comparisons;
import io.jvitess.proto.query.Field;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Removes duplicate rows (UNION, SELECT DISTINCT over combined rows), keeping the first of each,
 * comparing the first {@code columnCount} columns (all when 0) with their collations.
 */
public record Distinct(int columnCount, Primitive input) implements Primitive {

    public Distinct {
        requireNonNull(input, "input is null");
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        ResultSet result = input.execute(context, bindVariables);
        List<Field> fields = result.fields();
        int width = columnCount > 0 ? columnCount : fields.size();
        Collation[] collations = new Collation[width];
        for (int index = 0; index < width; index++) {
            collations[index] = index < fields.size() ? Collation.forField(fields.get(index)) : Collation.CASE_INSENSITIVE;
        }
        Set<List<Object>> seen = new HashSet<>();
        List<List<SqlValue>> rows = new ArrayList<>();
        for (List<SqlValue> row : result.rows()) {
            List<Object> key = new ArrayList<>(width);
            for (int index = 0; index < width && index < row.size(); index++) {
                key.add(Comparisons.groupingKey(row.get(index), collations[index]));
            }
            if (seen.add(key)) {
                rows.add(row);
            }
        }
        return result.withRows(rows).truncateColumns(columnCount);
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return input.fields(context, bindVariables).truncateColumns(columnCount);
    }

    @Override
    public Map<String, Object> describe() {
        Description description = Description.of("Distinct");
        if (columnCount > 0) {
            description.put("ResultColumns", columnCount);
        }
        return description.input(input).build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of(input);
    }
}
