package io.jvitess.ctld.vschema;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.vschema.ColumnVindex;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vschema.Table;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rejects VSchemas Vitess would reject, with Vitess's messages, before they reach the topo.
 * Vindex-type checks (known types, uniqueness of the primary vindex) come with the vindex registry.
 */
public final class VSchemaValidator {

    private static final Set<String> TABLE_TYPES = Set.of("", "sequence", "reference");

    private VSchemaValidator() {
    }

    public static void validate(String keyspaceName, Keyspace keyspace) {
        for (Map.Entry<String, Table> entry : keyspace.getTablesMap().entrySet()) {
            String name = entry.getKey();
            Table table = entry.getValue();
            if (!TABLE_TYPES.contains(table.getType())) {
                throw invalid("unidentified table type %s", table.getType());
            }
            for (ColumnVindex columnVindex : table.getColumnVindexesList()) {
                boolean hasColumn = !columnVindex.getColumn().isEmpty();
                boolean hasColumns = columnVindex.getColumnsCount() > 0;
                if (hasColumn && hasColumns) {
                    throw invalid("can't use column and columns at the same time in vindex (%s) and table (%s)", columnVindex.getName(), name);
                }
                if (!hasColumn && !hasColumns) {
                    throw invalid("must specify at least one column for vindex (%s) and table (%s)", columnVindex.getName(), name);
                }
                if (keyspace.getSharded() && !keyspace.containsVindexes(columnVindex.getName())) {
                    throw invalid("vindex %s not found for table %s", columnVindex.getName(), name);
                }
            }
            Set<String> columnNames = new HashSet<>();
            table.getColumnsList().forEach(column -> {
                if (!columnNames.add(column.getName().toLowerCase(java.util.Locale.ROOT))) {
                    throw invalid("duplicate column name '%s' for table: %s", column.getName(), name);
                }
            });
            if (keyspace.getSharded()) {
                boolean pinned = !table.getPinned().isEmpty();
                if (table.getType().equals("sequence") && !pinned) {
                    throw invalid("sequence table has to be in an unsharded keyspace or must be pinned: %s", name);
                }
                if (table.getType().isEmpty() && !pinned && table.getColumnVindexesCount() == 0) {
                    throw invalid("missing primary col vindex for table: %s", name);
                }
            }
        }
        keyspace.getVindexesMap().forEach((name, vindex) -> {
            if (vindex.getType().isEmpty()) {
                throw invalid("vindex %s in keyspace %s has no type", name, keyspaceName);
            }
        });
    }

    private static VtException invalid(String format, Object... arguments) {
        return VtException.of(VtCode.INVALID_ARGUMENT, format, arguments);
    }
}
