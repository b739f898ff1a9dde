package io.jvitess.ctld.workflow;

import io.jvitess.proto.vschema.RoutingRule;
import io.jvitess.proto.vschema.RoutingRules;
import io.jvitess.topo.TopoServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class MoveTablesRoutingRulesTest {

    private final TopoServer topo = TopoServer.inMemory("zone1");
    private final MoveTablesRoutingRules rules = new MoveTablesRoutingRules(topo);

    @Test
    void createWritesEightRulesPerTableAllNamingTheSource() {
        rules.initialize("commerce", "customer", List.of("customer"));
        assertThat(current()).isEqualTo(Map.of(
                "customer", "commerce.customer",
                "customer@replica", "commerce.customer",
                "customer@rdonly", "commerce.customer",
                "customer.customer", "commerce.customer",
                "customer.customer@replica", "commerce.customer",
                "customer.customer@rdonly", "commerce.customer",
                "commerce.customer@replica", "commerce.customer",
                "commerce.customer@rdonly", "commerce.customer"));
    }

    @Test
    void switchingEverythingMatchesTheDocsAndReversingRestoresCreate() {
        rules.initialize("commerce", "customer", List.of("customer"));
        Map<String, String> created = current();
        for (String type : List.of("replica", "rdonly")) {
            rules.switchReads("commerce", "customer", List.of("customer"), type, "customer");
        }
        rules.switchWrites("commerce", "customer", List.of("customer"));
        assertThat(current()).isEqualTo(Map.of(
                "customer", "customer.customer",
                "customer@replica", "customer.customer",
                "customer@rdonly", "customer.customer",
                "commerce.customer", "customer.customer",
                "customer.customer@replica", "customer.customer",
                "customer.customer@rdonly", "customer.customer",
                "commerce.customer@replica", "customer.customer",
                "commerce.customer@rdonly", "customer.customer"));
        assertThat(rules.routesTo("customer", List.of("customer"), "")).isTrue();

        // ReverseTraffic switches the reverse workflow's writes (source and target swapped), then reads back.
        rules.switchWrites("customer", "commerce", List.of("customer"));
        for (String type : List.of("replica", "rdonly")) {
            rules.switchReads("commerce", "customer", List.of("customer"), type, "commerce");
        }
        assertThat(current()).isEqualTo(created);
    }

    @Test
    void removeLeavesOtherRulesAlone() {
        topo.saveRoutingRules(RoutingRules.newBuilder()
                .addRules(RoutingRule.newBuilder().setFromTable("product@replica").addToTables("commerce.product"))
                .addRules(RoutingRule.newBuilder().setFromTable("disabled")).build());
        rules.initialize("commerce", "customer", List.of("customer", "corder"));
        rules.remove("commerce", "customer", List.of("customer", "corder"));
        assertThat(topo.getRoutingRules().getRulesList()).containsExactly(
                RoutingRule.newBuilder().setFromTable("product@replica").addToTables("commerce.product").build(),
                RoutingRule.newBuilder().setFromTable("disabled").build());
    }

    private Map<String, String> current() {
        Map<String, String> result = new TreeMap<>();
        topo.getRoutingRules().getRulesList().forEach(rule -> result.put(rule.getFromTable(), rule.getToTables(0)));
        return result;
    }
}
