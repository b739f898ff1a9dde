package io.jvitess.ctld.vschema;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.vschema.ColumnVindex;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vschema.Table;
import io.jvitess.vindexes.Vindex;
import io.jvitess.vindexes.VindexRegistry;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Rejects VSchemas Vitess would reject, with Vitess's messages, before they reach the topo. */
public final class VSchemaValidator {

    private static final Set<String> TABLE_TYPES = Set.of("", "sequence", "reference");
    private static final VindexRegistry REGISTRY = VindexRegistry.standard();

    private VSchemaValidator() {
    }

    /** Validates and returns the unknown vindex params per vindex (sorted), which --strict turns into errors. */
    public static Map<String, List<String>> validate(String keyspaceName, Keyspace keyspace) {
        Map<String, Vindex> vindexes = new TreeMap<>();
        Map<String, List<String>> unknownParams = new TreeMap<>();
        keyspace.getVindexesMap().forEach((name, definition) -> {
            if (definition.getType().isEmpty()) {
                throw invalid("vindex %s in keyspace %s has no type", name, keyspaceName);
            }
            Vindex vindex = REGISTRY.create(definition.getType(), name, definition.getParamsMap());
            vindexes.put(name, vindex);
            if (!vindex.unknownParams().isEmpty()) {
                unknownParams.put(name, vindex.unknownParams());
            }
        });
        for (Map.Entry<String, Table> entry : new TreeMap<>(keyspace.getTablesMap()).entrySet()) {
            validateTable(keyspace, vindexes, entry.getKey(), entry.getValue());
        }
        return unknownParams;
    }

    private static void validateTable(Keyspace keyspace, Map<String, Vindex> vindexes, String name, Table table) {
        if (!TABLE_TYPES.contains(table.getType())) {
            throw invalid("unidentified table type %s", table.getType());
        }
        for (int index = 0; index < table.getColumnVindexesCount(); index++) {
            ColumnVindex columnVindex = table.getColumnVindexes(index);
            boolean hasColumn = !columnVindex.getColumn().isEmpty();
            boolean hasColumns = columnVindex.getColumnsCount() > 0;
            if (hasColumn && hasColumns) {
                throw invalid("can't use column and columns at the same time in vindex (%s) and table (%s)", columnVindex.getName(), name);
            }
            if (!hasColumn && !hasColumns) {
                throw invalid("must specify at least one column for vindex (%s) and table (%s)", columnVindex.getName(), name);
            }
            if (!keyspace.getSharded()) {
                continue;
            }
            Vindex vindex = vindexes.get(columnVindex.getName());
            if (vindex == null) {
                throw invalid("vindex %s not found for table %s", columnVindex.getName(), name);
            }
            if (index == 0) {
                if (!vindex.isUnique()) {
                    throw invalid("primary vindex %s is not Unique for table %s", columnVindex.getName(), name);
                }
                if (keyspace.getVindexesOrThrow(columnVindex.getName()).getOwner().equals(name)) {
                    throw invalid("primary vindex %s cannot be owned for table %s", columnVindex.getName(), name);
                }
            }
        }
        Set<String> columnNames = new HashSet<>();
        table.getColumnsList().forEach(column -> {
            if (!columnNames.add(column.getName().toLowerCase(Locale.ROOT))) {
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

    private static VtException invalid(String format, Object... arguments) {
        return VtException.of(VtCode.INVALID_ARGUMENT, format, arguments);
    }
}
