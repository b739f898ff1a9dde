package io.jvitess.vindexes;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.vindexes.LookupContext.CommitOrder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The statements a lookup vindex runs against its table (Vitess's lookupInternal): rows
 * {@code (from columns..., to)} where {@code to} is the keyspace id. Only the first from-column is used to
 * map and verify; all of them identify a row for insert and delete.
 */
final class LookupTable {

    /** Params every lookup type understands. */
    static final Set<String> PARAMS = Set.of("table", "from", "to", "ignore_nulls", "batch_lookup", "read_lock", "write_only");

    private static final SqlState BAD_NULL = new SqlState(1048, "23000");
    private static final int DUPLICATE_ENTRY = 1062;
    private static final Map<String, String> READ_LOCKS = Map.of("exclusive", " for update", "shared", " lock in share mode", "none", "");

    private final String table;
    private final List<String> fromColumns;
    private final String to;
    private final boolean autocommit;
    private final boolean multiShardAutocommit;
    private final boolean upsert;
    private final boolean ignoreNulls;
    private final boolean batchLookup;
    private final String selectSql;
    private final String selectForDmlSql;
    private final String verifySql;
    private final String deleteSql;

    LookupTable(VindexParams params, boolean autocommit, boolean upsert, boolean multiShardAutocommit) {
        this.table = params.value("table").orElse("");
        this.fromColumns = Arrays.stream(params.value("from").orElse("").split(",", -1)).map(String::trim).toList();
        this.to = params.value("to").orElse("");
        this.ignoreNulls = params.bool("ignore_nulls");
        this.batchLookup = params.bool("batch_lookup");
        String readLock = params.value("read_lock").orElse("exclusive");
        if (!READ_LOCKS.containsKey(readLock)) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid read_lock value: %s", readLock);
        }
        this.multiShardAutocommit = multiShardAutocommit;
        this.autocommit = autocommit || multiShardAutocommit;
        this.upsert = upsert;
        String from = fromColumns.getFirst();
        this.selectSql = "select " + from + ", " + to + " from " + table + " where " + from + " in ::" + from;
        this.selectForDmlSql = selectSql + READ_LOCKS.get(readLock);
        this.verifySql = "select " + from + " from " + table + " where " + from + " = :" + from + " and " + to + " = :" + to;
        this.deleteSql = "delete from " + table + " where " + equalities(fromColumns, fromColumns) + " and " + to + " = :" + to;
    }

    String table() {
        return table;
    }

    List<String> fromColumns() {
        return fromColumns;
    }

    String to() {
        return to;
    }

    boolean autocommit() {
        return autocommit;
    }

    boolean ignoreNulls() {
        return ignoreNulls;
    }

    /**
     * The {@code to} values of each id, in id order. Integral ids (or {@code batch_lookup}) go in one IN
     * query; others one query each, since their text form need not round-trip through the table's collation.
     */
    List<List<SqlValue>> lookup(LookupContext context, List<SqlValue> ids, CommitOrder order) {
        if (ids.isEmpty()) {
            return List.of();
        }
        requireContext(context);
        CommitOrder effective = autocommit ? CommitOrder.AUTOCOMMIT : order;
        String sql = context.inTransactionWithDml() ? selectForDmlSql : selectSql;
        String from = fromColumns.getFirst();
        List<List<SqlValue>> results = new ArrayList<>(ids.size());
        if (ids.getFirst().isIntegral() || batchLookup) {
            List<List<SqlValue>> rows = run(context, "lookup.Map: ", sql, Map.of(from, ResultRows.tuple(ids)), effective);
            Map<String, List<SqlValue>> byId = new HashMap<>();
            for (List<SqlValue> row : rows) {
                byId.computeIfAbsent(row.get(0).text(), key -> new ArrayList<>()).add(row.get(1));
            }
            for (SqlValue id : ids) {
                results.add(byId.getOrDefault(id.text(), List.of()));
            }
            return results;
        }
        for (SqlValue id : ids) {
            List<List<SqlValue>> rows = run(context, "lookup.Map: ", sql, Map.of(from, ResultRows.tuple(List.of(id))), effective);
            results.add(rows.stream().map(row -> row.get(1)).toList());
        }
        return results;
    }

    /** Whether a row (id, to value) exists, one query per id. */
    List<Boolean> verify(LookupContext context, List<SqlValue> ids, List<SqlValue> toValues, CommitOrder order) {
        FunctionalVindex.requireSameSize(ids.size(), toValues.size());
        requireContext(context);
        CommitOrder effective = autocommit ? CommitOrder.AUTOCOMMIT : order;
        List<Boolean> found = new ArrayList<>(ids.size());
        for (int index = 0; index < ids.size(); index++) {
            Map<String, BindVariable> bindVariables = Map.of(
                    fromColumns.getFirst(), ids.get(index).toBindVariable(),
                    to, toValues.get(index).toBindVariable());
            found.add(!run(context, "lookup.Verify: ", verifySql, bindVariables, effective).isEmpty());
        }
        return found;
    }

    /**
     * Inserts one row per entry, sorted by value bytes (a stable order keeps concurrent inserts from
     * deadlocking). A row with a NULL is an error unless {@code ignore_nulls}, which skips it.
     */
    void create(LookupContext context, List<List<SqlValue>> rowsColumns, List<SqlValue> toValues, boolean ignoreMode, CommitOrder order) {
        FunctionalVindex.requireSameSize(rowsColumns.size(), toValues.size());
        List<Integer> kept = new ArrayList<>(rowsColumns.size());
        for (int row = 0; row < rowsColumns.size(); row++) {
            int nullColumn = firstNull(rowsColumns.get(row));
            if (nullColumn < 0) {
                kept.add(row);
            } else if (!ignoreNulls) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, BAD_NULL, "VT03028: Column '%s' cannot be null on row %d, col %d",
                        String.join(",", fromColumns), row, nullColumn);
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        if (rowsColumns.get(kept.getFirst()).size() != fromColumns.size()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "lookup.Create: column vindex count does not match the columns in the lookup: %d vs %s",
                    rowsColumns.get(kept.getFirst()).size(), goList(fromColumns));
        }
        kept.sort(Comparator.<Integer, List<SqlValue>>comparing(rowsColumns::get, LookupTable::compareRows)
                .thenComparing(toValues::get, (first, second) -> Arrays.compareUnsigned(ValueConversions.toBytes(first), ValueConversions.toBytes(second))));
        StringBuilder sql = new StringBuilder(multiShardAutocommit ? "insert /*vt+ MULTI_SHARD_AUTOCOMMIT=1 */" : "insert")
                .append(ignoreMode ? " ignore" : "").append(" into ").append(table).append('(');
        fromColumns.forEach(column -> sql.append(column).append(", "));
        sql.append(to).append(") values(");
        Map<String, BindVariable> bindVariables = new LinkedHashMap<>();
        for (int position = 0; position < kept.size(); position++) {
            int row = kept.get(position);
            if (position > 0) {
                sql.append(", (");
            }
            List<SqlValue> values = rowsColumns.get(row);
            for (int column = 0; column < values.size(); column++) {
                String name = fromColumns.get(column) + "_" + position;
                bindVariables.put(name, values.get(column).toBindVariable());
                sql.append(':').append(name).append(", ");
            }
            String toName = to + "_" + position;
            bindVariables.put(toName, toValues.get(row).toBindVariable());
            sql.append(':').append(toName).append(')');
        }
        if (upsert) {
            sql.append(" on duplicate key update ");
            fromColumns.forEach(column -> sql.append(column).append("=values(").append(column).append("), "));
            sql.append(to).append("=values(").append(to).append(')');
        }
        run(context, "lookup.Create: ", sql.toString(), bindVariables, autocommit ? CommitOrder.AUTOCOMMIT : order);
    }

    /** Deletes the rows of {@code rowsColumns} pointing at {@code toValue}; a no-op under autocommit, where it is unsafe. */
    void delete(LookupContext context, List<List<SqlValue>> rowsColumns, SqlValue toValue, CommitOrder order) {
        if (autocommit || rowsColumns.isEmpty()) {
            return;
        }
        if (rowsColumns.getFirst().size() != fromColumns.size()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "lookup.Delete: column vindex count does not match the columns in the lookup: %d vs %s",
                    rowsColumns.getFirst().size(), goList(fromColumns));
        }
        for (List<SqlValue> values : rowsColumns) {
            Map<String, BindVariable> bindVariables = new LinkedHashMap<>();
            for (int column = 0; column < values.size(); column++) {
                bindVariables.put(fromColumns.get(column), values.get(column).toBindVariable());
            }
            bindVariables.put(to, toValue.toBindVariable());
            run(context, "lookup.Delete: ", deleteSql, bindVariables, order);
        }
    }

    /** {@code <column> = :<from column>} joined with {@code and}, pairing each column with the from-column at its position. */
    static String equalities(List<String> columns, List<String> bindNames) {
        return IntStream.range(0, columns.size())
                .mapToObj(index -> columns.get(index) + " = :" + bindNames.get(index))
                .collect(Collectors.joining(" and "));
    }

    static boolean isDuplicateEntry(VtException failure) {
        return failure.errno() == DUPLICATE_ENTRY || failure.getMessage().contains("Duplicate entry");
    }

    List<List<SqlValue>> run(LookupContext context, String errorPrefix, String sql, Map<String, BindVariable> bindVariables, CommitOrder order) {
        QueryResult result;
        try {
            result = context.execute(sql, bindVariables, order);
        } catch (VtException failure) {
            throw errorPrefix.isEmpty() ? failure : failure.withPrefix(errorPrefix);
        }
        return ResultRows.of(result);
    }

    private static void requireContext(LookupContext context) {
        if (context == null) {
            throw VtException.of(VtCode.INTERNAL, "VT13001: [BUG] cannot perform lookup: no vcursor provided");
        }
    }

    private static int firstNull(List<SqlValue> values) {
        for (int column = 0; column < values.size(); column++) {
            if (values.get(column).isNull()) {
                return column;
            }
        }
        return -1;
    }

    private static int compareRows(List<SqlValue> first, List<SqlValue> second) {
        for (int column = 0; column < first.size(); column++) {
            int order = Arrays.compareUnsigned(ValueConversions.toBytes(first.get(column)), ValueConversions.toBytes(second.get(column)));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** Go's %v of a []string. */
    private static String goList(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }
}
