package io.jvitess.gateway.vschema;

import io.jvitess.proto.vschema.RoutingRule;
import io.jvitess.proto.vschema.SrvVSchema;
import io.jvitess.vindexes.Vindex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Resolves an SrvVSchema into a {@link VSchema}: creates vindex instances, links column vindexes,
 * owners and sequences, and computes global table names. Mistakes in one table or keyspace are
 * logged and recorded as the keyspace's error; the rest of the VSchema stays usable, as in Vitess.
 */
public final class VSchemaBuilder {

    private static final Logger log = LoggerFactory.getLogger(VSchemaBuilder.class);

    private final VindexFactory vindexFactory;

    public VSchemaBuilder(VindexFactory vindexFactory) {
        this.vindexFactory = requireNonNull(vindexFactory, "vindexFactory is null");
    }

    /**
     * @param servedKeyspaces keyspaces in the serving graph; those without a VSchema are treated as unsharded
     */
    public VSchema build(SrvVSchema source, Set<String> servedKeyspaces, long generation) {
        Map<String, io.jvitess.proto.vschema.Keyspace> definitions = new TreeMap<>(source.getKeyspacesMap());
        for (String served : servedKeyspaces) {
            definitions.putIfAbsent(served, io.jvitess.proto.vschema.Keyspace.getDefaultInstance());
        }
        Map<String, KeyspaceDraft> drafts = new LinkedHashMap<>();
        definitions.forEach((name, definition) -> drafts.put(name, draft(name, definition)));

        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (RoutingRule rule : source.getRoutingRules().getRulesList()) {
            rules.put(rule.getFromTable(), List.copyOf(rule.getToTablesList()));
        }
        Map<String, Keyspace> plain = new LinkedHashMap<>();
        drafts.forEach((name, draft) -> plain.put(name, draft.toKeyspace(Map.of())));
        Globals globals = globals(plain);
        VSchema withoutSequences = new VSchema(plain, rules, globals.tables(), globals.ambiguous(), generation);

        Map<String, Keyspace> keyspaces = new LinkedHashMap<>();
        drafts.forEach((name, draft) -> keyspaces.put(name, draft.toKeyspace(resolveSequences(draft, withoutSequences))));
        Globals finalGlobals = globals(keyspaces);
        return new VSchema(keyspaces, rules, finalGlobals.tables(), finalGlobals.ambiguous(), generation);
    }

    private record Globals(Map<String, Table> tables, Set<String> ambiguous) {
    }

    private static Globals globals(Map<String, Keyspace> keyspaces) {
        Map<String, Table> tables = new LinkedHashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Keyspace keyspace : keyspaces.values()) {
            if (keyspace.requireExplicitRouting()) {
                continue;
            }
            for (Table table : keyspace.tables().values()) {
                Table existing = tables.get(table.name());
                if (existing == null) {
                    tables.put(table.name(), table);
                } else if (isSourceOf(existing, table)) {
                    tables.put(table.name(), existing);
                } else if (isSourceOf(table, existing)) {
                    tables.put(table.name(), table);
                } else {
                    ambiguous.add(table.name());
                }
            }
        }
        ambiguous.forEach(tables::remove);
        return new Globals(tables, ambiguous);
    }

    /** A reference table whose source is {@code candidate} does not make the name ambiguous. */
    private static boolean isSourceOf(Table candidate, Table reference) {
        return reference.isReference() && reference.source()
                .map(source -> source.equals(candidate.keyspace().name() + "." + candidate.name()) || source.equals(candidate.name()))
                .orElse(false);
    }

    /** A keyspace's tables before sequences are linked (they may live in other keyspaces). */
    private final class KeyspaceDraft {
        private final KeyspaceInfo info;
        private final io.jvitess.proto.vschema.Keyspace definition;
        private final Map<String, Vindex> vindexes = new LinkedHashMap<>();
        private final Map<String, Table> tables = new LinkedHashMap<>();
        private final List<String> errors = new ArrayList<>();

        KeyspaceDraft(String name, io.jvitess.proto.vschema.Keyspace definition) {
            this.info = new KeyspaceInfo(name, definition.getSharded());
            this.definition = definition;
        }

        Keyspace toKeyspace(Map<String, Optional<AutoIncrement>> sequences) {
            Map<String, Table> resolved = new LinkedHashMap<>();
            List<String> allErrors = new ArrayList<>(errors);
            tables.forEach((name, table) -> {
                Optional<AutoIncrement> autoIncrement = sequences.getOrDefault(name, Optional.empty());
                if (sequences.containsKey(name) && autoIncrement.isEmpty()) {
                    allErrors.add("cannot resolve sequence " + definition.getTablesMap().get(name).getAutoIncrement().getSequence()
                            + " for table " + name);
                    return;
                }
                resolved.put(name, new Table(table.name(), table.keyspace(), table.type(), table.columnVindexes(), autoIncrement,
                        table.pinned(), table.columns(), table.columnListAuthoritative(), table.source()));
            });
            return new Keyspace(info, definition.getRequireExplicitRouting(), resolved, vindexes,
                    allErrors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", allErrors)));
        }
    }

    private KeyspaceDraft draft(String name, io.jvitess.proto.vschema.Keyspace definition) {
        KeyspaceDraft draft = new KeyspaceDraft(name, definition);
        new TreeMap<>(definition.getVindexesMap()).forEach((vindexName, vindex) -> {
            try {
                draft.vindexes.put(vindexName, vindexFactory.create(vindex.getType(), vindexName, vindex.getParamsMap()));
            } catch (RuntimeException e) {
                draft.errors.add(e.getMessage());
                log.warn("keyspace {}: vindex {} of type {} cannot be created: {}", name, vindexName, vindex.getType(), e.getMessage());
            }
        });
        new TreeMap<>(definition.getTablesMap()).forEach((tableName, table) -> {
            try {
                draft.tables.put(tableName, table(draft, tableName, table));
            } catch (IllegalArgumentException e) {
                draft.errors.add(e.getMessage());
                log.warn("keyspace {}: table {} left out of the vschema: {}", name, tableName, e.getMessage());
            }
        });
        return draft;
    }

    private static Table table(KeyspaceDraft draft, String name, io.jvitess.proto.vschema.Table definition) {
        TableType type = switch (definition.getType()) {
            case "" -> TableType.NORMAL;
            case "sequence" -> TableType.SEQUENCE;
            case "reference" -> TableType.REFERENCE;
            default -> throw new IllegalArgumentException("unidentified table type " + definition.getType());
        };
        List<ColumnVindex> columnVindexes = new ArrayList<>();
        for (io.jvitess.proto.vschema.ColumnVindex columnVindex : definition.getColumnVindexesList()) {
            Vindex vindex = draft.vindexes.get(columnVindex.getName());
            if (vindex == null) {
                throw new IllegalArgumentException("vindex " + columnVindex.getName() + " not found for table " + name);
            }
            List<String> columns = columnVindex.getColumnsCount() > 0 ? columnVindex.getColumnsList() : List.of(columnVindex.getColumn());
            if (columns.isEmpty() || columns.getFirst().isEmpty()) {
                throw new IllegalArgumentException("must specify at least one column for vindex (" + columnVindex.getName()
                        + ") and table (" + name + ")");
            }
            String owner = draft.definition.getVindexesMap().get(columnVindex.getName()).getOwner();
            boolean owned = owner.equals(name);
            if (owned && vindex instanceof io.jvitess.vindexes.OwnedVindex ownedVindex) {
                ownedVindex.setOwnerInfo(draft.info.name(), name, columns);
            }
            columnVindexes.add(new ColumnVindex(columns, columnVindex.getName(), vindex, owned));
        }
        if (draft.info.sharded() && type != TableType.REFERENCE && columnVindexes.isEmpty() && definition.getPinned().isEmpty()) {
            throw new IllegalArgumentException("missing primary col vindex for table: " + name);
        }
        if (!columnVindexes.isEmpty() && !columnVindexes.getFirst().isUnique()) {
            throw new IllegalArgumentException("primary vindex " + columnVindexes.getFirst().name() + " is not Unique for table " + name);
        }
        Optional<byte[]> pinned = Optional.empty();
        if (!definition.getPinned().isEmpty()) {
            try {
                pinned = Optional.of(HexFormat.of().parseHex(definition.getPinned()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("could not decode the keyspace id for pin: " + definition.getPinned());
            }
        }
        List<Column> columns = definition.getColumnsList().stream().map(column -> new Column(column.getName(), column.getType())).toList();
        Optional<String> source = definition.getSource().isEmpty() ? Optional.empty() : Optional.of(definition.getSource());
        return new Table(name, draft.info, type, columnVindexes, Optional.empty(), pinned, columns, definition.getColumnListAuthoritative(), source);
    }

    /** Auto-increment per table: empty when the table has none, a missing entry value when it cannot be resolved. */
    private static Map<String, Optional<AutoIncrement>> resolveSequences(KeyspaceDraft draft, VSchema lookup) {
        Map<String, Optional<AutoIncrement>> sequences = new LinkedHashMap<>();
        draft.definition.getTablesMap().forEach((tableName, definition) -> {
            if (!definition.hasAutoIncrement() || !draft.tables.containsKey(tableName)) {
                return;
            }
            String sequenceName = definition.getAutoIncrement().getSequence();
            int dot = sequenceName.indexOf('.');
            Optional<String> qualifier = dot < 0 ? Optional.empty() : Optional.of(sequenceName.substring(0, dot));
            String bare = dot < 0 ? sequenceName : sequenceName.substring(dot + 1);
            try {
                Table sequence = lookup.findTable(qualifier, bare, Optional.empty(), io.jvitess.proto.topodata.TabletType.PRIMARY);
                sequences.put(tableName, Optional.of(new AutoIncrement(definition.getAutoIncrement().getColumn(), sequence)));
            } catch (RuntimeException e) {
                log.warn("keyspace {}: cannot resolve sequence {} of table {}: {}", draft.info.name(), sequenceName, tableName, e.getMessage());
                sequences.put(tableName, Optional.empty());
            }
        });
        return sequences;
    }
}
