package io.jvitess.gateway.engine;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.Arithmetic;
import io.jvitess.gateway.evaluation.ArithmeticOperator;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.Collation;
import io.jvitess.gateway.evaluation.Comparisons;
import io.jvitess.gateway.evaluation.SqlTypes;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * GROUP BY and aggregate functions computed in vtgate. Ordered: the input arrives sorted by the
 * grouping keys (merge-sorted route or memory sort), so a group ends when the keys change.
 * Scalar: no GROUP BY, one row even for no input (count 0, other aggregates NULL). Aggregates
 * replace their column in place; other columns keep the group's first value.
 */
public record Aggregate(boolean scalar, List<GroupByParams> groupBy, List<AggregateParams> aggregates, int truncateColumnCount,
                        Primitive input) implements Primitive {

    public Aggregate {
        groupBy = List.copyOf(groupBy);
        aggregates = List.copyOf(aggregates);
        requireNonNull(input, "input is null");
        if (scalar && !groupBy.isEmpty()) {
            throw new IllegalArgumentException("a scalar aggregate has no GROUP BY");
        }
    }

    @Override
    public ResultSet execute(ExecutionContext context, BindVariables bindVariables) {
        ResultSet result = input.execute(context, bindVariables);
        List<Field> inputFields = result.fields().isEmpty() && (scalar || result.rows().isEmpty())
                ? input.fields(context, bindVariables).fields() : result.fields();
        List<Field> fields = outputFields(inputFields);
        RowComparator groups = new RowComparator(groupBy.stream().map(GroupByParams::asOrder).toList(), inputFields);
        List<List<SqlValue>> output = new ArrayList<>();
        Accumulator current = null;
        for (List<SqlValue> row : result.rows()) {
            if (current != null && !groups.sameKeys(current.first, row)) {
                output.add(current.finish());
                current = null;
            }
            if (current == null) {
                current = new Accumulator(row, inputFields);
            }
            current.add(row);
        }
        if (current != null) {
            output.add(current.finish());
        } else if (scalar) {
            output.add(emptyRow(inputFields.size()));
        }
        return new ResultSet(fields, output, 0, 0).truncateColumns(truncateColumnCount);
    }

    @Override
    public ResultSet fields(ExecutionContext context, BindVariables bindVariables) {
        return ResultSet.of(outputFields(input.fields(context, bindVariables).fields()), List.of()).truncateColumns(truncateColumnCount);
    }

    private List<Field> outputFields(List<Field> inputFields) {
        List<Field> fields = new ArrayList<>(inputFields);
        for (AggregateParams aggregate : aggregates) {
            if (aggregate.column() >= fields.size()) {
                continue;
            }
            Field field = fields.get(aggregate.column());
            Type type = switch (aggregate.opcode()) {
                case COUNT_STAR, COUNT, SUM_COUNT_STAR, SUM_COUNT, COUNT_DISTINCT -> Type.INT64;
                case SUM, SUM_DISTINCT -> SqlTypes.isFloat(field.getType()) ? Type.FLOAT64 : Type.DECIMAL;
                case MIN, MAX, ANY_VALUE -> field.getType();
            };
            fields.set(aggregate.column(), field.toBuilder().setType(type).build());
        }
        return fields;
    }

    private List<SqlValue> emptyRow(int width) {
        SqlValue[] row = new SqlValue[width];
        Arrays.fill(row, SqlValue.NULL);
        for (AggregateParams aggregate : aggregates) {
            if (aggregate.opcode().countsRows() && aggregate.column() < width) {
                row[aggregate.column()] = SqlValue.ofLong(0);
            }
        }
        return Arrays.asList(row);
    }

    /** The running values of one group. */
    private final class Accumulator {
        private final List<SqlValue> first;
        private final SqlValue[] values;
        private final long[] counts;
        private final List<List<SqlValue>> lastDistinct;
        private final Collation[] collations;

        Accumulator(List<SqlValue> first, List<Field> fields) {
            this.first = first;
            this.values = new SqlValue[aggregates.size()];
            this.counts = new long[aggregates.size()];
            this.lastDistinct = new ArrayList<>(java.util.Collections.nCopies(aggregates.size(), (List<SqlValue>) null));
            this.collations = new Collation[aggregates.size()];
            for (int index = 0; index < aggregates.size(); index++) {
                int column = aggregates.get(index).column();
                collations[index] = column < fields.size() ? Collation.forField(fields.get(column)) : Collation.CASE_INSENSITIVE;
                values[index] = SqlValue.NULL;
            }
        }

        void add(List<SqlValue> row) {
            for (int index = 0; index < aggregates.size(); index++) {
                AggregateParams aggregate = aggregates.get(index);
                SqlValue value = row.get(aggregate.column());
                switch (aggregate.opcode()) {
                    case COUNT_STAR -> counts[index]++;
                    case COUNT -> counts[index] += value.isNull() ? 0 : 1;
                    case SUM_COUNT_STAR, SUM_COUNT -> counts[index] += value.isNull() ? 0 : Long.parseLong(value.text().trim());
                    case SUM -> values[index] = sum(values[index], value);
                    case MIN -> values[index] = pick(values[index], value, collations[index], true);
                    case MAX -> values[index] = pick(values[index], value, collations[index], false);
                    case ANY_VALUE -> {
                        if (counts[index]++ == 0) {
                            values[index] = value;
                        }
                    }
                    case COUNT_DISTINCT, SUM_DISTINCT -> {
                        if (value.isNull() || isRepeat(index, aggregate, row)) {
                            continue;
                        }
                        lastDistinct.set(index, row);
                        counts[index]++;
                        if (aggregate.opcode() == AggregateOpcode.SUM_DISTINCT) {
                            values[index] = sum(values[index], value);
                        }
                    }
                }
            }
        }

        /** Input is sorted by the distinct column within the group, so repeats are adjacent. */
        private boolean isRepeat(int index, AggregateParams aggregate, List<SqlValue> row) {
            List<SqlValue> previous = lastDistinct.get(index);
            if (previous == null) {
                return false;
            }
            if (aggregate.weightStringColumn() >= 0) {
                SqlValue previousWeight = previous.get(aggregate.weightStringColumn());
                SqlValue weight = row.get(aggregate.weightStringColumn());
                if (!previousWeight.isNull() && !weight.isNull()) {
                    return Arrays.equals(previousWeight.raw(), weight.raw());
                }
            }
            return Comparisons.compare(previous.get(aggregate.column()), row.get(aggregate.column()), collations[index]) == 0;
        }

        List<SqlValue> finish() {
            List<SqlValue> row = new ArrayList<>(first);
            for (int index = 0; index < aggregates.size(); index++) {
                AggregateParams aggregate = aggregates.get(index);
                SqlValue value = switch (aggregate.opcode()) {
                    case COUNT_STAR, COUNT, SUM_COUNT_STAR, SUM_COUNT, COUNT_DISTINCT -> SqlValue.ofLong(counts[index]);
                    case SUM, SUM_DISTINCT -> asSum(values[index]);
                    case MIN, MAX, ANY_VALUE -> values[index];
                };
                row.set(aggregate.column(), value);
            }
            return row;
        }
    }

    private static SqlValue sum(SqlValue total, SqlValue value) {
        if (value.isNull()) {
            return total;
        }
        SqlValue addend = SqlTypes.isNumber(value.type()) ? value : Arithmetic.ofDouble(io.jvitess.gateway.evaluation.Numbers.toDouble(value));
        if (total.isNull()) {
            return asSum(addend);
        }
        return Arithmetic.apply(ArithmeticOperator.ADD, asSum(total), asSum(addend));
    }

    /** MySQL's SUM is DECIMAL for exact inputs and DOUBLE for approximate ones. */
    private static SqlValue asSum(SqlValue value) {
        if (value.isNull() || SqlTypes.isFloat(value.type()) || value.type() == Type.DECIMAL) {
            return value;
        }
        return SqlValue.of(Type.DECIMAL, io.jvitess.gateway.evaluation.Numbers.toDecimal(value).toPlainString());
    }

    private static SqlValue pick(SqlValue current, SqlValue candidate, Collation collation, boolean minimum) {
        if (candidate.isNull()) {
            return current;
        }
        if (current.isNull()) {
            return candidate;
        }
        int comparison = Comparisons.compare(candidate, current, collation);
        return minimum ? (comparison < 0 ? candidate : current) : (comparison > 0 ? candidate : current);
    }

    @Override
    public Map<String, Object> describe() {
        Description description = Description.of("Aggregate")
                .variant(scalar ? "Scalar" : "Ordered")
                .put("Aggregates", aggregates.isEmpty() ? null : aggregates.stream().map(AggregateParams::describe).collect(Collectors.joining(", ")))
                .put("GroupBy", groupBy.isEmpty() ? null : groupBy.stream().map(GroupByParams::describe).collect(Collectors.joining(", ")));
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
