package io.jvitess.gateway.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletTypes;
import io.jvitess.gateway.vschema.VSchema;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.sql.parser.SqlParser;
import io.jvitess.sql.vitess.SelectNext;
import io.jvitess.sql.vitess.VitessStatementParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden planner cases in the shape of Vitess's planbuilder test data: each case is
 * {@code {comment, query, plan}} where plan is the expected primitive description or the exact
 * error text; optional {@code keyspace} and {@code tabletType} set the session. Actual plans are
 * written to target/golden/ for review; {@code -Dgolden.update=true} rewrites the files.
 */
class PlannerGoldenTest {

    private static final List<String> FILES = List.of("select_cases.json", "aggregate_cases.json", "join_cases.json",
            "subquery_cases.json", "union_cases.json", "dml_cases.json", "unsupported_cases.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final VSchema VSCHEMA = TestVSchemas.vschema();
    private static final Map<String, ArrayNode> ACTUAL = new LinkedHashMap<>();

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream input = PlannerGoldenTest.class.getResourceAsStream("/planner/" + file)) {
                if (input == null) {
                    continue;
                }
                for (JsonNode node : JSON.readTree(input)) {
                    cases.add(Arguments.of(file, node));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void plansAsExpected(String file, JsonNode testCase) {
        String query = testCase.get("query").asText();
        Optional<String> keyspace = Optional.ofNullable(testCase.get("keyspace")).map(JsonNode::asText);
        TabletType tabletType = Optional.ofNullable(testCase.get("tabletType")).map(node -> TabletTypes.parse(node.asText())).orElse(TabletType.PRIMARY);
        boolean normalize = Optional.ofNullable(testCase.get("normalize")).map(JsonNode::asBoolean).orElse(false);
        JsonNode actual = plan(query, keyspace, tabletType, normalize);
        ObjectNode recorded = testCase.deepCopy();
        recorded.set("plan", actual);
        synchronized (ACTUAL) {
            ACTUAL.computeIfAbsent(file, ignored -> JSON.createArrayNode()).add(recorded);
        }
        assertThat(actual).as("plan of %s", query).isEqualTo(testCase.get("plan"));
    }

    static JsonNode plan(String query, Optional<String> keyspace, TabletType tabletType, boolean normalize) {
        try {
            Optional<io.jvitess.sql.vitess.VitessStatement> vitess = VitessStatementParser.parse(query);
            Plan plan;
            if (vitess.isPresent() && vitess.get() instanceof SelectNext next) {
                plan = Planner.planSelectNext(next, VSCHEMA, keyspace, tabletType);
            } else {
                Planner planner = new Planner(new PlanCache(0));
                plan = planner.plan(new Planner.Request(SqlParser.parse(query), VSCHEMA, keyspace, tabletType, false, normalize)).plan();
            }
            return JSON.valueToTree(plan.instructions().describe());
        } catch (VtException e) {
            return JSON.getNodeFactory().textNode(e.getMessage());
        }
    }

    @AfterAll
    static void writeActual() throws IOException {
        Path root = Path.of(System.getProperty("jvitess.projectRoot", "."));
        Path target = root.resolve("gateway/target/golden");
        Files.createDirectories(target);
        boolean update = Boolean.getBoolean("golden.update");
        for (Map.Entry<String, ArrayNode> entry : ACTUAL.entrySet()) {
            String text = JSON.writeValueAsString(entry.getValue()) + "\n";
            Files.writeString(target.resolve(entry.getKey()), text);
            if (update) {
                Files.writeString(root.resolve("gateway/src/test/resources/planner").resolve(entry.getKey()), text);
            }
        }
    }

}
