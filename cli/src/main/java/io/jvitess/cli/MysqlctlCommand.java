package io.jvitess.cli;

import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.mysqlctl.MysqldConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "mysqlctl", mixinStandardHelpOptions = true, description = "Initializes, starts, stops and removes the mysqld of a tablet.",
        subcommands = {MysqlctlCommand.Init.class, MysqlctlCommand.Start.class, MysqlctlCommand.Shutdown.class, MysqlctlCommand.Teardown.class})
final class MysqlctlCommand {

    @Option(names = {"--tablet-uid", "--tablet_uid"}, required = true, scope = picocli.CommandLine.ScopeType.INHERIT)
    int tabletUid;

    @Option(names = {"--mysql-port", "--mysql_port"}, defaultValue = "0", description = "mysqld port (default 17000+uid).",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    int mysqlPort;

    @Option(names = {"--mysqld-path", "--mysqld_path"}, description = "Use this mysqld binary (MariaDB or MySQL 8) instead of the bundled MariaDB.",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    Path mysqldPath;

    @Option(names = {"--mysql-basedir", "--mysql_basedir"}, description = "Base directory of an installed MariaDB or MySQL.",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    Path basedir;

    @Option(names = {"--wait-time", "--wait_time"}, defaultValue = "5m", converter = GoDuration.class, scope = picocli.CommandLine.ScopeType.INHERIT)
    Duration waitTime;

    Mysqld mysqld() {
        String root = System.getenv().getOrDefault("VTDATAROOT", "vtdataroot");
        MysqldConfig config = new MysqldConfig(tabletUid, mysqlPort != 0 ? mysqlPort : 17000 + tabletUid, Path.of(root).toAbsolutePath(),
                tabletUid, Optional.ofNullable(mysqldPath), Optional.ofNullable(basedir), List.of());
        return new Mysqld(config);
    }

    @Command(name = "init", description = "Creates the data directory, starts mysqld and creates the Vitess users.")
    static final class Init implements Callable<Integer> {
        @ParentCommand
        MysqlctlCommand parent;

        @Override
        public Integer call() {
            parent.mysqld().init(parent.waitTime);
            return 0;
        }
    }

    @Command(name = "start", description = "Starts an initialized mysqld.")
    static final class Start implements Callable<Integer> {
        @ParentCommand
        MysqlctlCommand parent;

        @Override
        public Integer call() {
            parent.mysqld().start(parent.waitTime);
            return 0;
        }
    }

    @Command(name = "shutdown", description = "Stops mysqld cleanly.")
    static final class Shutdown implements Callable<Integer> {
        @ParentCommand
        MysqlctlCommand parent;

        @Override
        public Integer call() {
            parent.mysqld().shutdown(parent.waitTime);
            return 0;
        }
    }

    @Command(name = "teardown", description = "Stops mysqld and deletes its directory.")
    static final class Teardown implements Callable<Integer> {
        @ParentCommand
        MysqlctlCommand parent;

        @Option(names = {"--force", "-f"}, description = "Accepted for compatibility.")
        boolean force;

        @Override
        public Integer call() {
            parent.mysqld().teardown(parent.waitTime);
            return 0;
        }
    }
}
