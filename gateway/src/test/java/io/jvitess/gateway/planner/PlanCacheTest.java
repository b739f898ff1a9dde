package io.jvitess.gateway.planner;

import io.jvitess.gateway.engine.Route;
import io.jvitess.gateway.engine.RouteOpcode;
import io.jvitess.gateway.engine.RoutingParameters;
import io.jvitess.gateway.engine.SqlTemplate;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.gateway.vschema.VSchema;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCacheTest {

    private static Plan plan(String sql) {
        SqlTemplate template = SqlTemplate.parse(sql);
        return new Plan("SELECT", new Route(RoutingParameters.of(RouteOpcode.UNSHARDED, new KeyspaceInfo("k", false)), template, template,
                List.of(), 0, "t"), List.of());
    }

    @Test
    void evictsTheLeastRecentlyUsedAndCounts() {
        PlanCache cache = new PlanCache(2);
        cache.put("a", plan("select 1"));
        cache.put("b", plan("select 2"));
        assertThat(cache.get("a")).isPresent();
        cache.put("c", plan("select 3"));
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("c")).isPresent();
        assertThat(cache.stats()).isEqualTo(new PlanCache.Stats(2, 1, 1, 2, 2));
    }

    @Test
    void queriesDifferingOnlyInValuesShareOnePlan() {
        VSchema vschema = TestVSchemas.vschema();
        Planner planner = new Planner(new PlanCache(10));
        PreparedPlan first = planner.plan(new Planner.Request(SqlParser.parse("select name from user where id = 1"), vschema, Optional.empty(),
                TabletType.PRIMARY, true, true));
        PreparedPlan second = planner.plan(new Planner.Request(SqlParser.parse("select name from user where id = 2"), vschema, Optional.empty(),
                TabletType.PRIMARY, true, true));
        assertThat(second.plan()).isSameAs(first.plan());
        assertThat(first.bindVariables().single("vtg1").text()).isEqualTo("1");
        assertThat(second.bindVariables().single("vtg1").text()).isEqualTo("2");
        assertThat(planner.cache().stats().hits()).isEqualTo(1);
        planner.plan(new Planner.Request(SqlParser.parse("select name from user where id = 3"), vschema, Optional.of("user"),
                TabletType.PRIMARY, true, true));
        assertThat(planner.cache().stats().misses()).isEqualTo(2);
    }
}
