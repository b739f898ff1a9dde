package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.vindexes.LookupContext.CommitOrder;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * {@code consistent_lookup} and {@code consistent_lookup_unique}: lookup rows are written in a separate
 * transaction committed before the owner's (PRE) and deleted after it (POST), so the lookup table never
 * misses a committed owner row. A duplicate lookup row left behind by a failed transaction is reclaimed
 * when its owner row does not exist.
 */
final class ConsistentLookupVindex extends AbstractLookupVindex implements OwnedVindex {

    private String ownerTable;
    private List<String> ownerColumns;
    private final String lockLookupSql;
    private final String insertLookupSql;
    private final String updateLookupSql;

    ConsistentLookupVindex(VindexParams params, boolean unique) {
        super(params, LookupTable.PARAMS, unique, new LookupTable(params, false, false, false));
        List<String> from = lookupTable.fromColumns();
        String to = lookupTable.to();
        String where = " where " + LookupTable.equalities(from, from);
        this.lockLookupSql = "select " + to + " from " + lookupTable.table() + where + " for update";
        this.insertLookupSql = "insert into " + lookupTable.table() + "(" + String.join(", ", from) + ", " + to + ") values("
                + from.stream().map(column -> ":" + column).collect(Collectors.joining(", ")) + ", :" + to + ")";
        this.updateLookupSql = "update " + lookupTable.table() + " set " + to + "=:" + to + where;
    }

    @Override
    public synchronized void setOwnerInfo(String keyspace, String table, List<String> columns) {
        requireNonNull(table, "table is null");
        if (columns.size() != lookupTable.fromColumns().size()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "owner table column count does not match vindex %s", name());
        }
        this.ownerTable = table;
        this.ownerColumns = List.copyOf(columns);
    }

    @Override
    public List<Destination> map(LookupContext context, List<SqlValue> ids) {
        if (writeOnly() || isIgnoredNull(ids)) {
            return everywhere(ids.size());
        }
        return destinations(ids, lookupTable.lookup(context, ids, CommitOrder.PRE));
    }

    @Override
    public List<Boolean> verify(LookupContext context, List<SqlValue> ids, List<byte[]> keyspaceIds) {
        if (writeOnly()) {
            return allTrue(ids.size());
        }
        return lookupTable.verify(context, ids, keyspaceIdValues(keyspaceIds), CommitOrder.PRE);
    }

    @Override
    public void create(LookupContext context, List<List<SqlValue>> rowsColumns, List<byte[]> keyspaceIds, boolean ignoreMode) {
        try {
            lookupTable.create(context, rowsColumns, keyspaceIdValues(keyspaceIds), ignoreMode, CommitOrder.PRE);
        } catch (VtException failure) {
            if (!LookupTable.isDuplicateEntry(failure)) {
                throw failure;
            }
            for (int row = 0; row < rowsColumns.size(); row++) {
                resolveDuplicate(context, rowsColumns.get(row), keyspaceIds.get(row), failure);
            }
        }
    }

    @Override
    public void delete(LookupContext context, List<List<SqlValue>> rowsColumns, byte[] keyspaceId) {
        lookupTable.delete(context, rowsColumns, ResultRows.keyspaceIdValue(keyspaceId), CommitOrder.POST);
    }

    @Override
    public void update(LookupContext context, List<SqlValue> oldValues, byte[] keyspaceId, List<SqlValue> newValues) {
        if (sameValues(oldValues, newValues)) {
            return;
        }
        delete(context, List.of(oldValues), keyspaceId);
        create(context, List.of(newValues), List.of(keyspaceId), false);
    }

    /**
     * Locks the conflicting lookup row; if it is gone, inserts ours; if it points elsewhere and that owner
     * row does not exist (a transaction failed after its PRE commit), repoints it at our keyspace id.
     */
    private void resolveDuplicate(LookupContext context, List<SqlValue> values, byte[] keyspaceId, VtException duplicate) {
        Map<String, BindVariable> bindVariables = new LinkedHashMap<>();
        for (int column = 0; column < values.size(); column++) {
            bindVariables.put(lookupTable.fromColumns().get(column), values.get(column).toBindVariable());
        }
        bindVariables.put(lookupTable.to(), ResultRows.keyspaceIdValue(keyspaceId).toBindVariable());
        List<List<SqlValue>> existing = lookupTable.run(context, "", lockLookupSql, bindVariables, CommitOrder.PRE);
        if (existing.isEmpty()) {
            lookupTable.run(context, "", insertLookupSql, bindVariables, CommitOrder.PRE);
            return;
        }
        if (existing.size() > 1) {
            throw VtException.of(VtCode.INTERNAL, "unexpected rows: %s from consistent lookup vindex",
                    existing.stream().map(row -> row.stream().map(GoText::describe).collect(Collectors.joining(" ", "[", "]")))
                            .collect(Collectors.joining(" ", "[", "]")));
        }
        byte[] existingKeyspaceId = ValueConversions.toBytes(existing.getFirst().getFirst());
        String table;
        List<String> columns;
        synchronized (this) {
            table = ownerTable;
            columns = ownerColumns;
        }
        // Without owner info the existing row cannot be proven stale, so the duplicate stands.
        if (table == null || context.ownerRowExists(existingKeyspaceId, table, columns, values)) {
            throw duplicate;
        }
        if (Arrays.equals(existingKeyspaceId, keyspaceId)) {
            return;
        }
        lookupTable.run(context, "", updateLookupSql, bindVariables, CommitOrder.PRE);
    }

    /** Vitess's null-safe compare: numbers by value, everything else by bytes. */
    private static boolean sameValues(List<SqlValue> oldValues, List<SqlValue> newValues) {
        if (oldValues.size() != newValues.size()) {
            return false;
        }
        for (int index = 0; index < oldValues.size(); index++) {
            if (!sameValue(oldValues.get(index), newValues.get(index))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(SqlValue first, SqlValue second) {
        if (first.isNull() || second.isNull()) {
            return first.isNull() && second.isNull();
        }
        if (isNumber(first) && isNumber(second)) {
            try {
                return new BigDecimal(first.text().trim()).compareTo(new BigDecimal(second.text().trim())) == 0;
            } catch (NumberFormatException notNumeric) {
                return false;
            }
        }
        return Arrays.equals(first.raw(), second.raw());
    }

    private static boolean isNumber(SqlValue value) {
        return value.isIntegral() || switch (value.type()) {
            case FLOAT32, FLOAT64, DECIMAL -> true;
            default -> false;
        };
    }
}
