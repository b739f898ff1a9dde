package io.jvitess.mysqlctl;

import java.util.ArrayList;
import java.util.List;

/** The command lines that create, run and administer one tablet's mysqld, per flavor. */
final class MysqldCommandLine {

    /** Sizes for many small local test/dev instances (~150 MB RSS each), not for production data. */
    private static final List<String> COMMON_TUNING = List.of(
            "--innodb-buffer-pool-size=32M",
            "--innodb-log-buffer-size=2M",
            "--key-buffer-size=1M",
            "--max-connections=200",
            "--performance-schema=OFF",
            "--table-open-cache=200",
            "--thread-cache-size=4",
            "--max-allowed-packet=64M",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_general_ci");

    private MysqldCommandLine() {
    }

    /** Creates the data directory: mariadb-install-db, or mysqld --initialize-insecure for MySQL. */
    static List<String> install(MysqlDistribution distribution, MysqldLayout layout) {
        List<String> command = new ArrayList<>();
        if (distribution.flavor() == MysqlFlavor.MARIADB) {
            command.add(distribution.installDbScript().orElseThrow().toString());
            command.add("--no-defaults");
            command.add("--basedir=" + distribution.basedir());
            command.add("--datadir=" + layout.dataDirectory());
            command.add("--user=" + osUser());
            command.add("--auth-root-authentication-method=normal");
            command.add("--skip-test-db");
            // No hostname lookup (no DNS stall, no resolveip) and no root@<hostname> account.
            command.add("--cross-bootstrap");
            // Passed through to the bootstrap server: creates a 16 MB redo log instead of 96 MB.
            command.add("--innodb-log-file-size=16M");
            command.add("--innodb-buffer-pool-size=32M");
            command.add("--tmpdir=" + layout.tmpDirectory());
        } else {
            command.add(distribution.mysqld().toString());
            command.add("--no-defaults");
            command.add("--initialize-insecure");
            command.add("--basedir=" + distribution.basedir());
            command.add("--datadir=" + layout.dataDirectory());
            command.add("--user=" + osUser());
            command.add("--tmpdir=" + layout.tmpDirectory());
        }
        return command;
    }

    /** Runs the server. --read-only is deliberately absent: the tablet decides whether it serves writes. */
    static List<String> mysqld(MysqlDistribution distribution, MysqldLayout layout, MysqldConfig config) {
        List<String> command = new ArrayList<>();
        command.add(distribution.mysqld().toString());
        command.add("--no-defaults");
        command.add("--basedir=" + distribution.basedir());
        command.add("--datadir=" + layout.dataDirectory());
        command.add("--user=" + osUser());
        command.add("--bind-address=127.0.0.1");
        command.add("--port=" + config.mysqlPort());
        command.add("--socket=" + layout.socketFile());
        command.add("--pid-file=" + layout.pidFile());
        command.add("--log-error=" + layout.errorLog());
        command.add("--tmpdir=" + layout.tmpDirectory());
        command.add("--server-id=" + config.serverId());
        command.add("--log-bin=" + layout.binLogBase());
        command.add("--relay-log=" + layout.relayLogBase());
        command.add("--binlog-format=ROW");
        command.add("--binlog-row-image=FULL");
        command.add("--binlog-row-metadata=FULL");
        command.add("--skip-name-resolve");
        if (distribution.flavor() == MysqlFlavor.MARIADB) {
            command.add("--log-slave-updates=ON");
            command.add("--gtid-strict-mode=ON");
            command.add("--gtid-domain-id=0");
            // Replication is started by the tablet, never implicitly on restart.
            command.add("--skip-slave-start");
            // Without it MariaDB 11.4 spends seconds generating a TLS certificate at every start.
            command.add("--skip-ssl");
            command.add("--innodb-log-file-size=16M");
            command.add("--aria-pagecache-buffer-size=1M");
            command.add("--query-cache-size=0");
        } else {
            command.add("--gtid-mode=ON");
            command.add("--enforce-gtid-consistency=ON");
            command.add("--log-replica-updates=ON");
            command.add("--skip-replica-start");
            // The X Protocol listens on 33060 by default, which would collide between instances.
            command.add("--mysqlx=OFF");
        }
        command.addAll(COMMON_TUNING);
        command.addAll(config.extraFlags());
        return command;
    }

    /** The distribution's client as root over the Unix socket, reading SQL from stdin. */
    static List<String> client(MysqlDistribution distribution, MysqldLayout layout) {
        List<String> command = new ArrayList<>();
        command.add(distribution.client().toString());
        command.add("--no-defaults");
        command.add("--socket=" + layout.socketFile());
        command.add("--user=root");
        command.add("--batch");
        command.add("--connect-timeout=10");
        // The MariaDB 11.4 client insists on TLS even over the socket, which --skip-ssl servers do not offer.
        command.add(distribution.flavor() == MysqlFlavor.MARIADB ? "--skip-ssl" : "--ssl-mode=DISABLED");
        return command;
    }

    /** mysqld refuses to run as root unless told to; as any other user the flag is a harmless no-op. */
    private static String osUser() {
        return System.getProperty("user.name");
    }
}
