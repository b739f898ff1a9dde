package io.jvitess.e2e;

import io.jvitess.common.key.Destination;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.vindexes.SingleColumnVindex;
import io.jvitess.vindexes.VindexRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's sharded customer keyspace on vttestserver: the hash vindex places rows exactly where
 * Vitess does, and auto_increment ids from a sequence stay unique under concurrent writers.
 */
class ShardedCustomerTest {

    private static Process vttestserver;
    private static int vtgatePort;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createTempDirectory("jvitess-sharded");
        Path schema = work.resolve("schema");
        Path root = Vttestserver.projectRoot();
        Files.createDirectories(schema.resolve("commerce"));
        Files.createDirectories(schema.resolve("customer"));
        Files.copy(root.resolve("examples/local/create_commerce_seq.sql"), schema.resolve("commerce/seq.sql"));
        Files.copy(root.resolve("examples/local/vschema_commerce_seq.json"), schema.resolve("commerce/vschema.json"));
        Files.writeString(schema.resolve("customer/schema.sql"), """
                create table customer(customer_id bigint not null, email varbinary(128), primary key(customer_id)) ENGINE=InnoDB;
                create table corder(order_id bigint not null, customer_id bigint, sku varbinary(128), price bigint, primary key(order_id)) ENGINE=InnoDB;
                """);
        Files.copy(root.resolve("examples/local/pre-2025-01/vschema_customer_sharded.json"), schema.resolve("customer/vschema.json"));
        int base = Vttestserver.freeBasePort();
        vtgatePort = base + 3;
        vttestserver = Vttestserver.start(work, schema, base, "commerce,customer", "1,2");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        Vttestserver.stop(vttestserver);
    }

    @Test
    void hashVindexPlacesTheSeedCustomersLikeVitess() throws SQLException {
        try (Connection connection = connect("customer")) {
            for (int id = 1; id <= 5; id++) {
                execute(connection, "insert into customer(customer_id, email) values (" + id + ", 'c" + id + "@domain.com')");
            }
        }
        assertThat(ids("customer/-80", "select customer_id from customer where customer_id <= 5")).containsExactly(1L, 2L, 3L, 5L);
        assertThat(ids("customer/80-", "select customer_id from customer where customer_id <= 5")).containsExactly(4L);
        try (Connection connection = connect("customer")) {
            assertThat(ids(connection, "select customer_id from customer where customer_id <= 5 order by customer_id")).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void concurrentWritersGetUniqueSequenceIdsOnTheirVindexShard() throws Exception {
        int writers = 8;
        int rowsPerWriter = 1250;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        List<Future<?>> results = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int writerId = writer;
            results.add(executor.submit(() -> {
                try (Connection connection = connect("customer")) {
                    for (int row = 0; row < rowsPerWriter; row++) {
                        execute(connection, "insert into customer(email) values ('w" + writerId + "-" + row + "@load.test')");
                    }
                }
                return null;
            }));
        }
        for (Future<?> result : results) {
            result.get();
        }
        executor.shutdown();

        Map<String, List<Long>> byShard = Map.of(
                "-80", ids("customer/-80", "select customer_id from customer where email like '%@load.test'"),
                "80-", ids("customer/80-", "select customer_id from customer where email like '%@load.test'"));
        Set<Long> all = new HashSet<>();
        byShard.values().forEach(all::addAll);
        assertThat(byShard.values().stream().mapToInt(List::size).sum()).isEqualTo(writers * rowsPerWriter);
        assertThat(all).hasSize(writers * rowsPerWriter);

        SingleColumnVindex hash = (SingleColumnVindex) VindexRegistry.standard().create("hash", "hash", Map.of());
        List<ShardReference> shards = List.of(
                ShardReference.newBuilder().setName("-80").setKeyRange(KeyRanges.fromShardName("-80")).build(),
                ShardReference.newBuilder().setName("80-").setKeyRange(KeyRanges.fromShardName("80-")).build());
        byShard.forEach((shard, ids) -> {
            List<Destination> destinations = hash.map(null, ids.stream().map(SqlValue::ofLong).toList());
            for (Destination destination : destinations) {
                assertThat(destination.resolve(shards)).containsExactly(shard);
            }
        });
    }

    private static List<Long> ids(String target, String sql) throws SQLException {
        try (Connection connection = connect(target)) {
            return ids(connection, sql);
        }
    }

    private static List<Long> ids(Connection connection, String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                ids.add(result.getLong(1));
            }
        }
        ids.sort(Long::compare);
        return ids;
    }

    private static Connection connect(String target) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + vtgatePort + "/?sslMode=disable", "app", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("use `" + target + "`");
        }
        return connection;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
