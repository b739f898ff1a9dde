package io.jvitess.gateway.vschema;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table as vtgate routes it: its keyspace, type, column vindexes (the first is the primary
 * vindex, which decides the row's keyspace id), auto-increment, pinned keyspace id, columns.
 */
public record Table(
        String name,
        KeyspaceInfo keyspace,
        TableType type,
        List<ColumnVindex> columnVindexes,
        Optional<AutoIncrement> autoIncrement,
        Optional<byte[]> pinned,
        List<Column> columns,
        boolean columnListAuthoritative,
        Optional<String> source) {

    public Table {
        requireNonNull(name, "name is null");
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(type, "type is null");
        columnVindexes = List.copyOf(columnVindexes);
        requireNonNull(autoIncrement, "autoIncrement is null");
        pinned = requireNonNull(pinned, "pinned is null").map(byte[]::clone);
        columns = List.copyOf(columns);
        requireNonNull(source, "source is null");
    }

    /** A table of an unsharded keyspace that the VSchema does not list (such keyspaces accept any name). */
    public static Table unlisted(String name, KeyspaceInfo keyspace) {
        return new Table(name, keyspace, TableType.NORMAL, List.of(), Optional.empty(), Optional.empty(), List.of(), false, Optional.empty());
    }

    @Override
    public Optional<byte[]> pinned() {
        return pinned.map(byte[]::clone);
    }

    public Optional<ColumnVindex> primaryVindex() {
        return columnVindexes.isEmpty() ? Optional.empty() : Optional.of(columnVindexes.getFirst());
    }

    /** Column vindexes whose first column is {@code column}. */
    public List<ColumnVindex> vindexesOn(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        return columnVindexes.stream().filter(vindex -> vindex.columns().getFirst().equals(lower)).toList();
    }

    public List<ColumnVindex> ownedVindexes() {
        return columnVindexes.stream().filter(ColumnVindex::owned).toList();
    }

    public boolean hasColumn(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        return columns.stream().anyMatch(declared -> declared.name().equals(lower));
    }

    public boolean isReference() {
        return type == TableType.REFERENCE;
    }

    public boolean isSequence() {
        return type == TableType.SEQUENCE;
    }

    public String pinnedHex() {
        return pinned.map(id -> HexFormat.of().formatHex(id)).orElse("");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Table that && name.equals(that.name) && keyspace.equals(that.keyspace);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + keyspace.hashCode();
    }

    @Override
    public String toString() {
        return keyspace.name() + "." + name;
    }
}
