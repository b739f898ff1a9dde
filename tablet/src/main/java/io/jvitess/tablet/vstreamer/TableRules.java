package io.jvitess.tablet.vstreamer;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.proto.topodata.KeyRange;
import io.jvitess.proto.vschema.ColumnVindex;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vschema.Table;
import io.jvitess.vindexes.SingleColumnVindex;
import io.jvitess.vindexes.Vindex;
import io.jvitess.vindexes.VindexRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A BinlogSource's filter rules compiled for a source keyspace. The first rule whose {@code match}
 * (a name, or a regex when it starts with {@code /}) fits a table decides: {@code exclude} drops it,
 * an empty filter or {@code select * from t} streams all rows, a key range such as {@code -80} or
 * {@code select * from t where in_keyrange(...)} streams the rows inside the range.
 *
 * <p>A table's plan is built once (reading the VSchema from the topo and parsing the filter) and kept
 * until {@link #forgetPlans()}: the binlog streamer asks for it on every row change, and a topo read per
 * row made a reshard stream fall hundreds of transactions behind a write load (bench/README.md).
 */
public final class TableRules {

    private static final Pattern SELECT = Pattern.compile(
            "(?is)\\s*select\\s+\\*\\s+from\\s+`?(\\w+)`?(?:\\s+where\\s+in_keyrange\\s*\\((.*)\\))?\\s*;?\\s*");

    private final String sourceKeyspace;
    private final List<FilterRule> rules;
    private final Function<String, Keyspace> vschemas;
    private final Map<String, Optional<TablePlan>> plans = new ConcurrentHashMap<>();

    /**
     * @param vschemas the VSchema of a keyspace by name; used for a table's primary vindex and for
     *                 qualified {@code keyspace.vindex} names in {@code in_keyrange}
     */
    public TableRules(String sourceKeyspace, List<FilterRule> rules, Function<String, Keyspace> vschemas) {
        this.sourceKeyspace = requireNonNull(sourceKeyspace, "sourceKeyspace is null");
        this.rules = List.copyOf(requireNonNull(rules, "rules is null"));
        this.vschemas = requireNonNull(vschemas, "vschemas is null");
    }

    /** The plan for a table, or empty if no rule matches it or the matching rule excludes it. */
    public Optional<TablePlan> planFor(String table) {
        return plans.computeIfAbsent(table, this::buildPlan);
    }

    /** Drops the plans built so far (a DDL in the binlog may have changed a table), so the next row builds them again. */
    public void forgetPlans() {
        plans.clear();
    }

    private Optional<TablePlan> buildPlan(String table) {
        for (FilterRule rule : rules) {
            if (!matches(rule.match(), table)) {
                continue;
            }
            String filter = rule.filter().trim();
            if (filter.equalsIgnoreCase("exclude")) {
                return Optional.empty();
            }
            if (filter.isEmpty()) {
                return Optional.of(new TablePlan(table, Optional.empty()));
            }
            if (KeyRanges.isValidShardName(filter) && filter.contains("-")) {
                return Optional.of(new TablePlan(table, Optional.of(primaryVindexFilter(table, filter))));
            }
            return Optional.of(selectPlan(table, filter));
        }
        return Optional.empty();
    }

    /** The tables of {@code candidates} that some rule streams, sorted by name. */
    public List<String> matchingTables(List<String> candidates) {
        List<String> matched = new ArrayList<>();
        for (String table : candidates) {
            if (planFor(table).isPresent()) {
                matched.add(table);
            }
        }
        matched.sort(String::compareTo);
        return matched;
    }

    private static boolean matches(String match, String table) {
        if (match.startsWith("/")) {
            return Pattern.compile(match.substring(1)).matcher(table).matches();
        }
        return match.equals(table);
    }

    private TablePlan selectPlan(String table, String filter) {
        Matcher matcher = SELECT.matcher(filter);
        if (!matcher.matches()) {
            throw VtException.of(VtCode.UNIMPLEMENTED, "unsupported filter for table %s: %s (only select * [where in_keyrange(...)])",
                    table, filter);
        }
        if (!matcher.group(1).equals(table)) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "filter for table %s selects from %s", table, matcher.group(1));
        }
        if (matcher.group(2) == null) {
            return new TablePlan(table, Optional.empty());
        }
        List<String> arguments = new ArrayList<>();
        for (String argument : matcher.group(2).split(",")) {
            arguments.add(argument.trim().replaceAll("^['\"`]|['\"`]$", ""));
        }
        if (arguments.size() == 1) {
            return new TablePlan(table, Optional.of(primaryVindexFilter(table, arguments.getFirst())));
        }
        if (arguments.size() != 3) {
            throw VtException.of(VtCode.UNIMPLEMENTED, "unsupported in_keyrange for table %s: only one column is supported: %s",
                    table, filter);
        }
        String vindexName = arguments.get(1);
        Vindex vindex;
        int dot = vindexName.indexOf('.');
        if (dot >= 0) {
            String keyspace = vindexName.substring(0, dot);
            String name = vindexName.substring(dot + 1);
            io.jvitess.proto.vschema.Vindex definition = vschemas.apply(keyspace).getVindexesMap().get(name);
            if (definition == null) {
                throw VtException.of(VtCode.NOT_FOUND, "vindex %s not found in keyspace %s", name, keyspace);
            }
            vindex = VindexRegistry.standard().create(definition.getType(), name, definition.getParamsMap());
        } else {
            vindex = VindexRegistry.standard().create(vindexName, vindexName, java.util.Map.of());
        }
        return new TablePlan(table, Optional.of(keyRangeFilter(arguments.getFirst(), vindex, arguments.get(2))));
    }

    private KeyRangeFilter primaryVindexFilter(String table, String keyRange) {
        Keyspace vschema = vschemas.apply(sourceKeyspace);
        Table definition = vschema.getTablesMap().get(table);
        if (definition == null || definition.getColumnVindexesCount() == 0) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "table %s has no primary vindex in keyspace %s", table, sourceKeyspace);
        }
        ColumnVindex primary = definition.getColumnVindexes(0);
        String column = primary.getColumn().isEmpty() && primary.getColumnsCount() > 0 ? primary.getColumns(0) : primary.getColumn();
        io.jvitess.proto.vschema.Vindex vindexDefinition = vschema.getVindexesMap().get(primary.getName());
        if (vindexDefinition == null) {
            throw VtException.of(VtCode.NOT_FOUND, "vindex %s not found in keyspace %s", primary.getName(), sourceKeyspace);
        }
        Vindex vindex = VindexRegistry.standard().create(vindexDefinition.getType(), primary.getName(), vindexDefinition.getParamsMap());
        return keyRangeFilter(column, vindex, keyRange);
    }

    private static KeyRangeFilter keyRangeFilter(String column, Vindex vindex, String keyRange) {
        if (!(vindex instanceof SingleColumnVindex single) || !vindex.isUnique() || vindex.needsLookup()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "vindex %s must be a unique functional single-column vindex for in_keyrange",
                    vindex.name());
        }
        KeyRange range;
        try {
            range = KeyRanges.fromShardName(keyRange);
        } catch (IllegalArgumentException e) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid key range %s: %s", keyRange, e.getMessage());
        }
        return new KeyRangeFilter(column, single, range);
    }
}
