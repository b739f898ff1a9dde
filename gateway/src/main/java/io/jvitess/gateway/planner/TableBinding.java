package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import io.jvitess.gateway.vschema.Table;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One table reference of a query block: a VSchema table, or a derived table with its column
 * names. {@code name} is what columns are qualified with (the alias, else the table name).
 */
final class TableBinding {

    private final String name;
    private final Optional<String> keyspaceQualifier;
    private final Optional<Table> table;
    private final Optional<List<String>> derivedColumns;
    private final SQLTableSource source;

    private TableBinding(String name, Optional<String> keyspaceQualifier, Optional<Table> table, Optional<List<String>> derivedColumns,
                         SQLTableSource source) {
        this.name = requireNonNull(name, "name is null");
        this.keyspaceQualifier = keyspaceQualifier;
        this.table = table;
        this.derivedColumns = derivedColumns.map(columns -> columns.stream().map(column -> column.toLowerCase(Locale.ROOT)).toList());
        this.source = requireNonNull(source, "source is null");
    }

    static TableBinding ofTable(String name, Optional<String> keyspaceQualifier, Table table, SQLTableSource source) {
        return new TableBinding(name, keyspaceQualifier, Optional.of(table), Optional.empty(), source);
    }

    static TableBinding ofDerived(String name, List<String> columns, SQLTableSource source) {
        return new TableBinding(name, Optional.empty(), Optional.empty(), Optional.of(columns), source);
    }

    /** A table of a MySQL system schema (information_schema, ...), which vtgate does not know. */
    static TableBinding ofSystem(String name, SQLTableSource source) {
        return new TableBinding(name, Optional.empty(), Optional.empty(), Optional.empty(), source);
    }

    boolean isSystem() {
        return table.isEmpty() && derivedColumns.isEmpty();
    }

    String name() {
        return name;
    }

    Optional<Table> table() {
        return table;
    }

    boolean isDerived() {
        return derivedColumns.isPresent();
    }

    List<String> derivedColumns() {
        return derivedColumns.orElse(List.of());
    }

    SQLTableSource source() {
        return source;
    }

    /** True if a qualifier ({@code t} or {@code ks.t}) names this binding. */
    boolean matches(Optional<String> keyspace, String qualifier) {
        if (keyspace.isPresent()) {
            return table.isPresent() && name.equals(qualifier)
                    && (table.get().keyspace().name().equals(keyspace.get()) || keyspaceQualifier.equals(keyspace));
        }
        return name.equals(qualifier);
    }

    /** Whether the binding has the column: true, false, or empty when nobody knows (no authoritative column list). */
    Optional<Boolean> knowsColumn(String column) {
        String key = Identifiers.columnKey(column);
        if (derivedColumns.isPresent()) {
            return Optional.of(derivedColumns.get().contains(key));
        }
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Table known = table.get();
        if (known.columnListAuthoritative()) {
            return Optional.of(known.hasColumn(key));
        }
        if (known.hasColumn(key) || known.columnVindexes().stream().anyMatch(vindex -> vindex.columns().contains(key))) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
