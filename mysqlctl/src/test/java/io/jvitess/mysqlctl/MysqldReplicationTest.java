package io.jvitess.mysqlctl;

import static io.jvitess.mysqlctl.LocalMysqlds.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two fresh tablets replicate with MariaDB GTIDs, which proves the accounts and the GTID reset fit replication. */
class MysqldReplicationTest {

    private static LocalMysqlds mysqlds;
    private static Mysqld primary;
    private static Mysqld replica;

    @BeforeAll
    static void initTablets() throws Exception {
        mysqlds = new LocalMysqlds();
        primary = mysqlds.create(301);
        replica = mysqlds.create(302);
        primary.init(TIMEOUT);
        replica.init(TIMEOUT);
    }

    @AfterAll
    static void stopAll() throws Exception {
        mysqlds.close();
    }

    @Test
    void replicaReplaysThePrimaryFromAnEmptyGtidHistory() throws Exception {
        try (Connection connection = MysqldTest.connect(replica, Mysqld.DBA_USER); Statement statement = connection.createStatement()) {
            // MariaDB 11.4 replicas default to MASTER_SSL=1; our servers run with --skip-ssl.
            statement.execute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
                    + ", MASTER_USER='" + Mysqld.REPL_USER + "', MASTER_PASSWORD='', MASTER_SSL=0, MASTER_USE_GTID=slave_pos");
            statement.execute("START SLAVE");
        }
        try (Connection connection = MysqldTest.connect(primary, Mysqld.DBA_USER); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE vt_commerce");
            statement.execute("CREATE TABLE vt_commerce.customer (id BIGINT PRIMARY KEY, email VARCHAR(128))");
            statement.execute("INSERT INTO vt_commerce.customer VALUES (1, 'alice@example.com')");
            assertThat(MysqldTest.query(connection, "SELECT @@gtid_binlog_pos")).containsExactly("0-301-3");
        }

        try (Connection connection = MysqldTest.connect(replica, Mysqld.DBA_USER)) {
            awaitGtid(connection, "0-301-3");
            assertThat(MysqldTest.query(connection, "SELECT email FROM vt_commerce.customer WHERE id = 1"))
                    .containsExactly("alice@example.com");
            assertThat(MysqldTest.query(connection, "SELECT @@gtid_current_pos")).containsExactly("0-301-3");
        }
    }

    /** Waits with the server's own MASTER_GTID_WAIT, which returns 0 once the GTID is applied and -1 on timeout. */
    private static void awaitGtid(Connection connection, String gtid) throws SQLException {
        long seconds = Duration.ofSeconds(60).toSeconds();
        List<String> result = MysqldTest.query(connection, "SELECT MASTER_GTID_WAIT('" + gtid + "', " + seconds + ")");
        assertThat(result).as("MASTER_GTID_WAIT on the replica; replication status: %s", slaveStatus(connection))
                .containsExactly("0");
    }

    private static String slaveStatus(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var result = statement.executeQuery("SHOW SLAVE STATUS")) {
            if (!result.next()) {
                return "(no replication configured)";
            }
            return "io=" + result.getString("Slave_IO_Running") + ", sql=" + result.getString("Slave_SQL_Running")
                    + ", io_error=" + result.getString("Last_IO_Error") + ", sql_error=" + result.getString("Last_SQL_Error");
        }
    }
}
