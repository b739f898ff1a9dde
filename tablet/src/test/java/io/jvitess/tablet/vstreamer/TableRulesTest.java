package io.jvitess.tablet.vstreamer;

import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.vschema.ColumnVindex;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vschema.Table;
import io.jvitess.proto.vschema.Vindex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableRulesTest {

    private static final Keyspace VSCHEMA = Keyspace.newBuilder().setSharded(true)
            .putVindexes("hash", Vindex.newBuilder().setType("hash").build())
            .putVindexes("lookup", Vindex.newBuilder().setType("lookup").putParams("table", "l").putParams("from", "a")
                    .putParams("to", "keyspace_id").build())
            .putTables("customer", Table.newBuilder().addColumnVindexes(ColumnVindex.newBuilder().setColumn("customer_id").setName("hash")).build())
            .build();

    private static TableRules rules(FilterRule... rules) {
        return new TableRules("commerce", List.of(rules), keyspace -> Map.of("commerce", VSCHEMA, "customer", VSCHEMA).get(keyspace));
    }

    // hash(1) = 166b40b44aba4bd6 (in -80), hash(4) = d2fd8867d50d2dfe (in 80-).
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "select * from customer; 1; true",
            "select * from customer; 4; true",
            "-80; 1; true",
            "-80; 4; false",
            "80-; 4; true",
            "select * from customer where in_keyrange('-80'); 4; false",
            "select * from customer where in_keyrange(customer_id, 'hash', '-80'); 1; true",
            "select * from customer where in_keyrange(customer_id, 'customer.hash', '80-'); 1; false",
            "SELECT * FROM `customer` WHERE in_keyrange(customer_id, 'customer.hash', '80-'); 4; true"})
    void filtersRowsByKeyRange(String filter, long id, boolean kept) {
        TablePlan plan = rules(new FilterRule("customer", filter)).planFor("customer").orElseThrow();
        assertThat(plan.keeps(List.of("customer_id", "name"), List.of(SqlValue.ofLong(id), SqlValue.ofString("x")))).isEqualTo(kept);
    }

    @Test
    void buildsEachTablesPlanOnceUntilToldToForget() {
        AtomicInteger vschemaReads = new AtomicInteger();
        TableRules rules = new TableRules("commerce", List.of(new FilterRule("/.*", "-80")), keyspace -> {
            vschemaReads.incrementAndGet();
            return VSCHEMA;
        });

        for (int row = 0; row < 1000; row++) {
            assertThat(rules.planFor("customer")).isPresent();
        }
        assertThat(vschemaReads).hasValue(1);

        rules.forgetPlans();
        assertThat(rules.planFor("customer")).isPresent();
        assertThat(vschemaReads).hasValue(2);
    }

    @Test
    void firstMatchingRuleDecides() {
        TableRules rules = rules(new FilterRule("reference", "exclude"), new FilterRule("/.*", ""));
        assertThat(rules.planFor("reference")).isEmpty();
        assertThat(rules.planFor("orders")).isPresent();
        assertThat(rules.matchingTables(List.of("reference", "zeta", "orders"))).containsExactly("orders", "zeta");
        assertThat(rules(new FilterRule("customer", "")).planFor("orders")).isEmpty();
    }

    @Test
    void rejectsFiltersItCannotRun() {
        assertThatThrownBy(() -> rules(new FilterRule("customer", "select id from customer")).planFor("customer"))
                .isInstanceOf(VtException.class).hasMessageContaining("unsupported filter");
        assertThatThrownBy(() -> rules(new FilterRule("orders", "-80")).planFor("orders"))
                .isInstanceOf(VtException.class).hasMessageContaining("has no primary vindex");
        assertThatThrownBy(() -> rules(new FilterRule("customer",
                "select * from customer where in_keyrange(customer_id, 'customer.lookup', '-80')")).planFor("customer"))
                .isInstanceOf(VtException.class).hasMessageContaining("must be a unique functional");
    }
}
