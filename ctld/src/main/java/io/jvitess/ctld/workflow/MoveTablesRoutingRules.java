package io.jvitess.ctld.workflow;

import io.jvitess.proto.vschema.RoutingRule;
import io.jvitess.proto.vschema.RoutingRules;
import io.jvitess.topo.TopoServer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The routing rules MoveTables keeps while tables move (reference §5.4): eight per table, all naming
 * the source until traffic is switched, then the target, and removed on complete or cancel.
 */
final class MoveTablesRoutingRules {

    private static final List<String> READ_TYPES = List.of("replica", "rdonly");

    private final TopoServer topo;

    MoveTablesRoutingRules(TopoServer topo) {
        this.topo = requireNonNull(topo, "topo is null");
    }

    /** At create time: every name of the tables, in either keyspace and for every type, reads the source. */
    void initialize(String source, String target, Collection<String> tables) {
        edit(rules -> {
            for (String table : tables) {
                String to = source + "." + table;
                rules.put(table, to);
                rules.put(target + "." + table, to);
                for (String type : READ_TYPES) {
                    rules.put(table + "@" + type, to);
                    rules.put(target + "." + table + "@" + type, to);
                    rules.put(source + "." + table + "@" + type, to);
                }
            }
        });
    }

    /** Points the reads of a tablet type ({@code replica} or {@code rdonly}) at {@code to}. */
    void switchReads(String source, String target, Collection<String> tables, String type, String to) {
        edit(rules -> {
            for (String table : tables) {
                String destination = to + "." + table;
                rules.put(table + "@" + type, destination);
                rules.put(target + "." + table + "@" + type, destination);
                rules.put(source + "." + table + "@" + type, destination);
            }
        });
    }

    /**
     * Points writes (and primary reads) at the target: {@code t} and {@code source.t} name the target and
     * {@code target.t} is dropped. Reversing (target = the original source) restores the create-time rules.
     */
    void switchWrites(String source, String target, Collection<String> tables) {
        edit(rules -> {
            for (String table : tables) {
                String destination = target + "." + table;
                rules.put(table, destination);
                rules.put(source + "." + table, destination);
                rules.remove(target + "." + table);
            }
        });
    }

    /** True if the tables' unqualified rule for the type ({@code ""} = primary) names the keyspace. */
    boolean routesTo(String keyspace, Collection<String> tables, String typeSuffix) {
        Map<String, String> rules = current();
        String table = tables.iterator().next();
        String rule = rules.get(typeSuffix.isEmpty() ? table : table + "@" + typeSuffix);
        return rule != null && rule.equals(keyspace + "." + table);
    }

    boolean hasRulesFor(Collection<String> tables) {
        Map<String, String> rules = current();
        return tables.stream().anyMatch(rules::containsKey);
    }

    void remove(String source, String target, Collection<String> tables) {
        edit(rules -> {
            for (String table : tables) {
                for (String prefix : List.of("", source + ".", target + ".")) {
                    rules.remove(prefix + table);
                    for (String type : READ_TYPES) {
                        rules.remove(prefix + table + "@" + type);
                    }
                }
            }
        });
    }

    /** The rules as from-table to its one target; rules this class does not own (disabled, several targets) keep their list. */
    private Map<String, List<String>> currentLists() {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (RoutingRule rule : topo.getRoutingRules().getRulesList()) {
            rules.put(rule.getFromTable(), List.copyOf(rule.getToTablesList()));
        }
        return rules;
    }

    private Map<String, String> current() {
        Map<String, String> rules = new LinkedHashMap<>();
        currentLists().forEach((from, to) -> rules.put(from, to.size() == 1 ? to.getFirst() : ""));
        return rules;
    }

    private void edit(java.util.function.Consumer<Map<String, String>> change) {
        Map<String, List<String>> before = currentLists();
        Map<String, String> rules = current();
        change.accept(rules);
        List<RoutingRule> updated = new ArrayList<>();
        rules.forEach((from, to) -> {
            List<String> targets = to.isEmpty() && before.containsKey(from) ? before.get(from) : List.of(to);
            updated.add(RoutingRule.newBuilder().setFromTable(from).addAllToTables(targets).build());
        });
        topo.saveRoutingRules(RoutingRules.newBuilder().addAllRules(updated).build());
        topo.rebuildVSchemaGraph(List.of());
    }
}
