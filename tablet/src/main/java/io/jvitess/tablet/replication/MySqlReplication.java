package io.jvitess.tablet.replication;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;

import static io.jvitess.tablet.replication.ReplicationFlavor.execute;
import static io.jvitess.tablet.replication.ReplicationFlavor.quote;

/** MySQL 8 GTID replication ({@code SOURCE_AUTO_POSITION=1}); super_read_only guards replicas. */
final class MySqlReplication implements ReplicationFlavor {

    @Override
    public String name() {
        return "MySQL";
    }

    @Override
    public void startReplicatingFrom(Connection dba, String host, int port, String user) throws SQLException {
        execute(dba,
                "STOP REPLICA",
                "CHANGE REPLICATION SOURCE TO SOURCE_HOST=" + quote(host) + ", SOURCE_PORT=" + port + ", SOURCE_USER="
                        + quote(user) + ", SOURCE_PASSWORD='', SOURCE_AUTO_POSITION=1, SOURCE_CONNECT_RETRY=1, GET_SOURCE_PUBLIC_KEY=1",
                "START REPLICA");
    }

    @Override
    public void resetReplication(Connection dba) throws SQLException {
        execute(dba, "STOP REPLICA", "RESET REPLICA ALL");
    }

    @Override
    public void startReplication(Connection dba) throws SQLException {
        execute(dba, "START REPLICA");
    }

    @Override
    public Optional<ReplicationStatus> status(Connection dba) throws SQLException {
        try (Statement statement = dba.createStatement(); ResultSet result = statement.executeQuery("SHOW REPLICA STATUS")) {
            if (!result.next()) {
                return Optional.empty();
            }
            String lag = result.getString("Seconds_Behind_Source");
            String sqlError = result.getString("Last_SQL_Error");
            String error = sqlError != null && !sqlError.isEmpty() ? sqlError : String.valueOf(result.getString("Last_IO_Error"));
            return Optional.of(new ReplicationStatus(
                    String.valueOf(result.getString("Source_Host")),
                    result.getInt("Source_Port"),
                    "Yes".equalsIgnoreCase(result.getString("Replica_IO_Running")),
                    "Yes".equalsIgnoreCase(result.getString("Replica_SQL_Running")),
                    lag == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lag)),
                    "null".equals(error) ? "" : error,
                    String.valueOf(result.getString("Executed_Gtid_Set"))));
        }
    }

    @Override
    public String position(Connection dba) throws SQLException {
        try (Statement statement = dba.createStatement(); ResultSet result = statement.executeQuery("select @@global.gtid_executed")) {
            result.next();
            return String.valueOf(result.getString(1));
        }
    }

    @Override
    public void setReadOnly(Connection dba, boolean readOnly) throws SQLException {
        if (readOnly) {
            execute(dba, "SET GLOBAL super_read_only = ON");
        } else {
            execute(dba, "SET GLOBAL super_read_only = OFF", "SET GLOBAL read_only = OFF");
        }
    }
}
