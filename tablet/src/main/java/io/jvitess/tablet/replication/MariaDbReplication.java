package io.jvitess.tablet.replication;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;

import static io.jvitess.tablet.replication.ReplicationFlavor.execute;
import static io.jvitess.tablet.replication.ReplicationFlavor.quote;

/** MariaDB GTID replication ({@code MASTER_USE_GTID=slave_pos}). */
final class MariaDbReplication implements ReplicationFlavor {

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public void startReplicatingFrom(Connection dba, String host, int port, String user) throws SQLException {
        // MariaDB 11.4 replicas default to MASTER_SSL=1, which fails against mysqld started with --skip-ssl.
        execute(dba,
                "STOP SLAVE",
                "CHANGE MASTER TO MASTER_HOST=" + quote(host) + ", MASTER_PORT=" + port + ", MASTER_USER=" + quote(user)
                        + ", MASTER_PASSWORD='', MASTER_SSL=0, MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1",
                "START SLAVE");
    }

    @Override
    public void resetReplication(Connection dba) throws SQLException {
        execute(dba, "STOP SLAVE", "RESET SLAVE ALL");
    }

    @Override
    public void startReplication(Connection dba) throws SQLException {
        execute(dba, "START SLAVE");
    }

    @Override
    public Optional<ReplicationStatus> status(Connection dba) throws SQLException {
        try (Statement statement = dba.createStatement(); ResultSet result = statement.executeQuery("SHOW SLAVE STATUS")) {
            if (!result.next()) {
                return Optional.empty();
            }
            String lag = result.getString("Seconds_Behind_Master");
            String error = firstNonEmpty(result.getString("Last_SQL_Error"), result.getString("Last_IO_Error"));
            return Optional.of(new ReplicationStatus(
                    nullToEmpty(result.getString("Master_Host")),
                    result.getInt("Master_Port"),
                    "Yes".equalsIgnoreCase(result.getString("Slave_IO_Running")),
                    "Yes".equalsIgnoreCase(result.getString("Slave_SQL_Running")),
                    lag == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lag)),
                    error,
                    nullToEmpty(result.getString("Gtid_IO_Pos"))));
        }
    }

    @Override
    public String position(Connection dba) throws SQLException {
        try (Statement statement = dba.createStatement(); ResultSet result = statement.executeQuery("select @@gtid_current_pos")) {
            result.next();
            return nullToEmpty(result.getString(1));
        }
    }

    @Override
    public void setReadOnly(Connection dba, boolean readOnly) throws SQLException {
        execute(dba, "SET GLOBAL read_only = " + (readOnly ? "ON" : "OFF"));
    }

    private static String firstNonEmpty(String first, String second) {
        return first != null && !first.isEmpty() ? first : nullToEmpty(second);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
