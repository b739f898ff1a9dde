package io.jvitess.gateway.engine;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Sorts all rows of its input in vtgate (stable), for orders no single route can give. */
public record MemorySort(List<OrderByParams> orderBy, int truncateColumnCount, Primitive input) implements Primitive {

    public MemorySort {
        orderBy = List.copyOf(orderBy);
        requireNonNull(input, "input is null");
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        ResultSet result = input.execute(context, bindVariables);
        List<List<SqlValue>> rows = new ArrayList<>(result.rows());
        rows.sort(new RowComparator(orderBy, result.fields()));
        return result.withRows(rows).truncateColumns(truncateColumnCount);
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return input.fields(context, bindVariables).truncateColumns(truncateColumnCount);
    }

    @Override
    public Map<String, Object> describe() {
        Description description = Description.of("Sort")
                .variant("Memory")
                .put("OrderBy", String.join(", ", orderBy.stream().map(OrderByParams::describe).toList()));
        if (truncateColumnCount > 0) {
            description.put("ResultColumns", truncateColumnCount);
        }
        return description.input(input).build();
    }

    @Override
    public List<Primitive> inputs() {
        return List.of(input);
    }
}
