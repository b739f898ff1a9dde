package io.jvitess.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed tutorial end to end with the local scripts (issue #4, done-when 1): 101, the seed data, MoveTables of
 * customer and corder into their own keyspace (201-205, with a ReverseTraffic round trip), then the Reshard of
 * customer into -80 and 80- (301-307), checking what the docs print at each step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalTutorialTest {

    private static final int VTGATE_PORT = 15306;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final String MOVE = "commerce2customer";

    private static Path projectRoot;
    private static Shell shell;
    private static ClusterClients clients;
    private static java.util.Set<String> rulesAfterCreate;

    @BeforeAll
    static void startCluster() throws IOException {
        projectRoot = Vttestserver.projectRoot();
        Path dataRoot = Files.createTempDirectory("jvitess-tutorial");
        shell = new Shell(projectRoot, Map.of("VTDATAROOT", dataRoot.toString(), "JVITESS_SKIP_BUILD", "1"));
        clients = new ClusterClients(shell, VTGATE_PORT, 15999);
        for (int port : List.of(VTGATE_PORT, 15999, 21811)) {
            assertThat(Probes.listening(port)).as("port %d must be free for the tutorial test (is a cluster running?)", port).isFalse();
        }
        script("101_initial_cluster.sh");
        clients.mariadb(List.of(), projectRoot.resolve("examples/common/insert_commerce_data.sql")).assertSuccess();
    }

    @AfterAll
    static void stopCluster() {
        if (shell != null) {
            shell.run(SCRIPT_TIMEOUT, List.of("examples/local/501_teardown.sh"));
        }
    }

    @Test
    @Order(1)
    void moveTablesCopiesCustomerAndCorderAndWritesTheRoutingRules() {
        script("201_customer_tablets.sh");
        // A create naming a table the source lacks fails with a clear error and leaves nothing behind.
        Shell.Result unknownTable = clients.vtctldclient("MoveTables", "--workflow", MOVE, "--target-keyspace", "customer", "create",
                "--source-keyspace", "commerce", "--tables", "customer,nosuch");
        assertThat(unknownTable.exitCode()).isEqualTo(1);
        assertThat(unknownTable.stderr()).contains("table nosuch not found in source keyspace commerce");
        assertThat(routingRules()).isEmpty();
        script("202_move_tables.sh");
        rulesAfterCreate = routingRules();
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (String table : List.of("customer", "corder")) {
            for (String from : List.of(table, table + "@replica", table + "@rdonly", "customer." + table, "customer." + table + "@replica",
                    "customer." + table + "@rdonly", "commerce." + table + "@replica", "commerce." + table + "@rdonly")) {
                expected.add(from + " -> commerce." + table);
            }
        }
        assertThat(rulesAfterCreate).isEqualTo(expected);
    }

    @Test
    @Order(2)
    void switchingReadsThenWritesMovesTrafficAndDeniesTheSource() throws IOException {
        assertThat(script("203_switch_reads.sh").strip()).isEqualTo("SwitchTraffic was successful for workflow customer." + MOVE + "\n\n"
                + "Start State: Reads Not Switched. Writes Not Switched\nCurrent State: All Reads Switched. Writes Not Switched");
        assertThat(script("204_switch_writes.sh").strip()).isEqualTo("SwitchTraffic was successful for workflow customer." + MOVE + "\n\n"
                + "Start State: All Reads Switched. Writes Not Switched\nCurrent State: All Reads Switched. Writes Switched");
        assertThat(selectScript("select_customer0_data.sql")).isEqualTo(ClusterClients.resource("select_customer0_data.expected"));
        // The source copy is still there but refuses queries: Vitess's denied-tables error.
        Shell.Result denied = clients.mariadb(List.of("-e", "use commerce/0; select * from customer"), null);
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.stderr()).contains("disallowed due to rule: enforce denied tables");
        // A write through the normal name lands in the customer keyspace and replicates back to commerce.
        clients.mariadb(List.of("-e", "insert into customer (customer_id, email) values (6, 'frank@domain.com')"), null).assertSuccess();
        assertThat(clients.mariadb(List.of("--batch", "--skip-column-names", "-e", "use customer; select email from customer where customer_id = 6"),
                null).assertSuccess().stdout()).isEqualTo("frank@domain.com\n");
    }

    @Test
    @Order(3)
    void reverseTrafficRestoresTheOriginalRoutingAndSwitchingAgainWorks() {
        String reversed = vtctldclient("MoveTables", "--workflow", MOVE, "--target-keyspace", "customer", "reversetraffic");
        assertThat(reversed).contains("ReverseTraffic was successful").contains("Current State: Reads Not Switched. Writes Not Switched");
        assertThat(routingRules()).isEqualTo(rulesAfterCreate);
        // Writes go to commerce again, and the reverse of the reverse keeps customer in step.
        clients.mariadb(List.of("-e", "delete from customer where customer_id = 6"), null).assertSuccess();
        String switched = vtctldclient("MoveTables", "--workflow", MOVE, "--target-keyspace", "customer", "switchtraffic");
        assertThat(switched).contains("Current State: All Reads Switched. Writes Switched");
        assertThat(clients.mariadb(List.of("--batch", "--skip-column-names", "-e", "use customer; select count(*) from customer"), null)
                .assertSuccess().stdout()).isEqualTo("5\n");
    }

    @Test
    @Order(4)
    void completeDropsTheSourceTablesAndTheRoutingRules() {
        assertThat(script("205_clean_commerce.sh").strip())
                .isEqualTo("Successfully completed the " + MOVE + " workflow in the customer keyspace");
        assertThat(routingRules()).isEmpty();
        Shell.Result gone = clients.mariadb(List.of("-e", "use commerce; select * from customer"), null);
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.stderr()).contains("ERROR 1146 (42S02)").contains("Table 'vt_commerce.customer' doesn't exist");
    }

    @Test
    @Order(5)
    void reshardSplitsCustomerAsTheDocsShow() throws IOException {
        script("301_customer_sharded.sh");
        script("302_new_shards.sh");
        script("303_reshard.sh");
        assertThat(script("304_switch_reads.sh")).contains("Current State: All Reads Switched. Writes Not Switched");
        assertThat(script("305_switch_writes.sh")).contains("Current State: All Reads Switched. Writes Switched");
        assertThat(selectScript("select_customer-80_data.sql")).isEqualTo(ClusterClients.resource("select_customer-80_data.expected"));
        assertThat(selectScript("select_customer80-_data.sql")).isEqualTo(ClusterClients.resource("select_customer80-_data.expected"));
        // New customers get ids from the commerce sequence and land on the shard their hash names.
        clients.mariadb(List.of("-e", "insert into customer (email) values ('grace@domain.com')"), null).assertSuccess();
        assertThat(clients.mariadb(List.of("--batch", "--skip-column-names", "-e", "use customer; select count(*) from customer"), null)
                .assertSuccess().stdout()).isEqualTo("6\n");
    }

    @Test
    @Order(6)
    void theOldShardGoesAway() {
        script("306_down_shard_0.sh");
        script("307_delete_shard_0.sh");
        Shell.Result shard = clients.vtctldclient("GetShard", "customer/0");
        assertThat(shard.exitCode()).isNotZero();
        String tablets = clients.mariadb(List.of("--batch", "--skip-column-names", "-e", "show vitess_tablets"), null).assertSuccess().stdout();
        assertThat(tablets).contains("customer\t-80\tPRIMARY").contains("customer\t80-\tPRIMARY").doesNotContain("customer\t0\t");
        assertThat(clients.mariadb(List.of("--batch", "--skip-column-names", "-e", "use customer; select count(*) from corder"), null)
                .assertSuccess().stdout()).isEqualTo("5\n");
    }

    private static String script(String name) {
        return shell.run(SCRIPT_TIMEOUT, List.of("examples/local/" + name)).assertSuccess().stdout();
    }

    private static String selectScript(String name) {
        return shell.run(Duration.ofMinutes(1), List.of("stdbuf", "-oL", "mariadb", "--no-defaults", "-h", "127.0.0.1", "-P",
                Integer.toString(VTGATE_PORT), "--table"), projectRoot.resolve("examples/common/" + name)).assertSuccess().stdout();
    }

    private static String vtctldclient(String... arguments) {
        return clients.vtctldclient(arguments).assertSuccess().stdout();
    }

    /** The routing rules as "from -> to" lines, order aside. */
    private static java.util.Set<String> routingRules() {
        try {
            com.fasterxml.jackson.databind.JsonNode rules = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(vtctldclient("GetRoutingRules")).path("rules");
            java.util.Set<String> result = new java.util.HashSet<>();
            rules.forEach(rule -> result.add(rule.path("from_table").asText() + " -> " + rule.path("to_tables").path(0).asText()));
            return result;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
