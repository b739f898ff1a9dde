package io.jvitess.mysqlctl;

import java.util.List;

/** The SQL that gives a fresh mysqld the Vitess accounts and an empty GTID history. */
final class VitessUsers {

    private static final String APP_PRIVILEGES = String.join(", ",
            "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "RELOAD", "PROCESS", "FILE", "REFERENCES",
            "INDEX", "ALTER", "SHOW DATABASES", "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE",
            "REPLICATION SLAVE", "REPLICATION CLIENT", "CREATE VIEW", "SHOW VIEW", "CREATE ROUTINE",
            "ALTER ROUTINE", "CREATE USER", "EVENT", "TRIGGER");
    private static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1");

    private VitessUsers() {
    }

    static String initScript(MysqlDistribution distribution) {
        StringBuilder sql = new StringBuilder();
        // Replicas replay the primary's binlog from the start; binlogged account creation would clash with theirs.
        sql.append("SET sql_log_bin = 0;\n");
        for (String host : LOCAL_HOSTS) {
            grant(sql, Mysqld.DBA_USER, host, "ALL PRIVILEGES", true);
            grant(sql, Mysqld.APP_USER, host, APP_PRIVILEGES, false);
            grant(sql, Mysqld.FILTERED_USER, host, "ALL PRIVILEGES", false);
            grant(sql, Mysqld.ALLPRIVS_USER, host, "ALL PRIVILEGES", false);
        }
        // REPLICATION CLIENT is BINLOG MONITOR on MariaDB: lets replicas and tools read the binlog position.
        grant(sql, Mysqld.REPL_USER, "%", "REPLICATION SLAVE, REPLICATION CLIENT", false);
        sql.append(resetBinaryLogs(distribution)).append(";\n");
        return sql.toString();
    }

    /** Forgets all binlogs and GTIDs so every fresh mysqld starts with an empty GTID history. */
    static String resetBinaryLogs(MysqlDistribution distribution) {
        if (distribution.flavor() == MysqlFlavor.MYSQL && distribution.isAtLeast(8, 2)) {
            return "RESET BINARY LOGS AND GTIDS";
        }
        return "RESET MASTER";
    }

    private static void grant(StringBuilder sql, String user, String host, String privileges, boolean grantOption) {
        String account = "'" + user + "'@'" + host + "'";
        sql.append("CREATE USER ").append(account).append(";\n");
        sql.append("GRANT ").append(privileges).append(" ON *.* TO ").append(account)
                .append(grantOption ? " WITH GRANT OPTION" : "").append(";\n");
    }
}
