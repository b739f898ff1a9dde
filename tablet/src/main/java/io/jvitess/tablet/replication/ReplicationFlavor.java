package io.jvitess.tablet.replication;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * The replication SQL that differs between MariaDB and MySQL 8 (GTID flavour, statement names,
 * read-only switches). All calls run on an administrative connection.
 */
public interface ReplicationFlavor {

    String name();

    /** Points this mysqld at a new source and starts replicating from its GTID position. */
    void startReplicatingFrom(Connection dba, String host, int port, String user) throws SQLException;

    /** Makes this mysqld stand alone: replication stopped and forgotten. */
    void resetReplication(Connection dba) throws SQLException;

    void startReplication(Connection dba) throws SQLException;

    Optional<ReplicationStatus> status(Connection dba) throws SQLException;

    /** The executed GTID set in this flavor's text form, e.g. {@code 0-100-12} on MariaDB. */
    String position(Connection dba) throws SQLException;

    void setReadOnly(Connection dba, boolean readOnly) throws SQLException;

    static ReplicationFlavor detect(Connection dba) throws SQLException {
        try (Statement statement = dba.createStatement(); ResultSet result = statement.executeQuery("select version()")) {
            result.next();
            String version = result.getString(1).toLowerCase(Locale.ROOT);
            return version.contains("mariadb") ? new MariaDbReplication() : new MySqlReplication();
        }
    }

    static void execute(Connection dba, String... statements) throws SQLException {
        try (Statement statement = dba.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
