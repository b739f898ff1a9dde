package io.jvitess.vttest;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.proto.vtctldata.GetKeyspacesRequest;
import io.jvitess.proto.vtctldata.GetTabletsRequest;
import io.jvitess.proto.vtctldata.Keyspace;
import io.jvitess.proto.vtctlservice.VtctldGrpc;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.topodata.TabletType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A commerce (1 shard) + customer (2 shards) cluster, used the way an application's CI would use vttestserver. */
class VttestClusterTest {

    private static VttestCluster cluster;
    private static Path dataDirectory;

    @BeforeAll
    static void start() throws URISyntaxException {
        Path schema = Path.of(VttestClusterTest.class.getResource("/schema").toURI());
        cluster = VttestCluster.start(VttestConfig.builder()
                .keyspace("commerce", 1)
                .keyspace("customer", 2)
                .schemaDirectory(schema)
                .build());
        dataDirectory = cluster.dataDirectory();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
            assertThat(dataDirectory).as("the temporary data directory is removed").doesNotExist();
        }
    }

    @Test
    void commerceQueriesWorkOnThePrimaryAndReadsOnReplicaAndRdonlySeeThem() throws SQLException {
        try (Connection connection = vtgate("commerce"); Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into product(sku, description, price) values ('SKU-1001', 'Monitor', 100), ('SKU-1002', 'Keyboard', 30)");
            assertThat(strings(statement, "select description from product order by sku")).containsExactly("Monitor", "Keyboard");
            statement.execute("use commerce@replica");
            assertThat(strings(statement, "select description from product order by sku")).containsExactly("Monitor", "Keyboard");
            statement.execute("use commerce@rdonly");
            assertThat(strings(statement, "select sku from product where price > 50")).containsExactly("SKU-1001");
            assertThat(strings(statement, "select next_id from customer_seq")).containsExactly("1000");
        }
    }

    @Test
    void aShardTargetReadsAndWritesOnlyThatShard() throws SQLException {
        try (Connection lowShard = vtgate("customer:-80"); Statement statement = lowShard.createStatement()) {
            statement.executeUpdate("insert into customer(customer_id, email) values (1, 'alice@domain.com')");
            assertThat(strings(statement, "select email from customer where customer_id = 1")).containsExactly("alice@domain.com");
        }
        try (Connection other = vtgate("commerce"); Statement statement = other.createStatement()) {
            statement.execute("use customer:80-");
            assertThat(strings(statement, "select email from customer where customer_id = 1")).isEmpty();
            statement.execute("use `customer/-80`");
            assertThat(strings(statement, "select email from customer where customer_id = 1")).containsExactly("alice@domain.com");
        }
        try (Connection mysqld = mysqld(); Statement statement = mysqld.createStatement()) {
            assertThat(strings(statement, "select count(*) from `vt_customer_-80`.customer")).containsExactly("1");
            assertThat(strings(statement, "select count(*) from `vt_customer_80-`.customer")).containsExactly("0");
        }
    }

    @Test
    void everyShardDatabaseHasItsKeyspaceSchema() throws SQLException {
        try (Connection mysqld = mysqld(); Statement statement = mysqld.createStatement()) {
            assertThat(strings(statement, "select concat(table_schema, '.', table_name) from information_schema.tables"
                    + " where table_schema like 'vt\\_%' order by 1"))
                    .containsExactly(
                            "vt_commerce_0.corder", "vt_commerce_0.customer", "vt_commerce_0.customer_seq",
                            "vt_commerce_0.order_seq", "vt_commerce_0.product",
                            "vt_customer_-80.corder", "vt_customer_-80.customer",
                            "vt_customer_80-.corder", "vt_customer_80-.customer");
        }
        assertThat(cluster.topo().getSrvVSchema("test").getKeyspacesOrThrow("customer").getVindexesOrThrow("hash").getType())
                .isEqualTo("hash");
    }

    @Test
    void vtgateListsEveryTablet() throws SQLException {
        try (Connection connection = vtgate("commerce"); Statement statement = connection.createStatement();
             ResultSet tablets = statement.executeQuery("show vitess_tablets")) {
            List<String> rows = new ArrayList<>();
            while (tablets.next()) {
                rows.add(tablets.getString("Keyspace") + "/" + tablets.getString("Shard") + " " + tablets.getString("TabletType")
                        + " " + tablets.getString("State"));
            }
            assertThat(rows).containsExactlyInAnyOrder(
                    "commerce/0 PRIMARY SERVING", "commerce/0 REPLICA SERVING", "commerce/0 RDONLY SERVING",
                    "customer/-80 PRIMARY SERVING", "customer/-80 REPLICA SERVING", "customer/-80 RDONLY SERVING",
                    "customer/80- PRIMARY SERVING", "customer/80- REPLICA SERVING", "customer/80- RDONLY SERVING");
        }
    }

    @Test
    void vtctldAnswersOnItsGrpcPort() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", cluster.vtctldGrpcPort()).usePlaintext().build();
        try {
            VtctldGrpc.VtctldBlockingStub vtctld = VtctldGrpc.newBlockingStub(channel);
            assertThat(vtctld.getKeyspaces(GetKeyspacesRequest.getDefaultInstance()).getKeyspacesList())
                    .extracting(Keyspace::getName).containsExactly("commerce", "customer");
            Map<Integer, Tablet> tablets = vtctld.getTablets(GetTabletsRequest.getDefaultInstance()).getTabletsList().stream()
                    .collect(Collectors.toMap(tablet -> tablet.getAlias().getUid(), Function.identity()));
            assertThat(tablets).hasSize(9);
            assertThat(tablets.get(4).getType()).isEqualTo(TabletType.PRIMARY);
            assertThat(tablets.get(4).getShard()).isEqualTo("-80");
            assertThat(tablets.get(4).getDbNameOverride()).isEqualTo("vt_customer_-80");
        } finally {
            channel.shutdownNow();
        }
    }

    private static Connection vtgate(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + cluster.vtgateMysqlPort() + "/" + database + "?sslMode=disable",
                "app", "");
    }

    private static Connection mysqld() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + cluster.mysqldPort() + "/?sslMode=disable", Mysqld.DBA_USER, "");
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
