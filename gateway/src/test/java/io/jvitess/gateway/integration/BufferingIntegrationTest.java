package io.jvitess.gateway.integration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** vtgate holds primary-bound statements while the primary tablet is away, for up to the buffer window. */
class BufferingIntegrationTest {

    private static final ShardedTestCluster cluster = new ShardedTestCluster(Map.of("main", List.of("0")));

    @BeforeAll
    static void start() throws Exception {
        cluster.bufferWindow(Duration.ofSeconds(4));
        cluster.start(Map.of("main", List.of("create table t (id bigint primary key) engine=InnoDB")),
                Map.of("main", "{\"tables\": {\"t\": {}}}"));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aWriteDuringAPrimaryRestartIsHeldAndThenApplied() throws Exception {
        try (Connection connection = cluster.gateway("main")) {
            execute(connection, "insert into t values (1)");
            cluster.stopTablet("main", "0");
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
                try {
                    execute(connection, "insert into t values (2)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertThat(write).as("the write waits for a primary instead of failing").isNotDone();
            cluster.startTablet("main", "0");
            write.get(30, TimeUnit.SECONDS);
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select count(*) from t")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void aWriteFailsCleanlyWhenNoPrimaryComesBackWithinTheWindow() throws Exception {
        try (Connection connection = cluster.gateway("main")) {
            cluster.stopTablet("main", "0");
            try {
                assertThatThrownBy(() -> execute(connection, "insert into t values (100)"))
                        .isInstanceOfSatisfying(SQLException.class, error -> {
                            assertThat(error.getErrorCode()).isEqualTo(1105);
                            assertThat(error.getMessage()).contains("no healthy tablet available");
                        });
            } finally {
                cluster.startTablet("main", "0");
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
