package io.jvitess.cli;

import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.common.topoproto.TabletTypes;
import io.jvitess.proto.topodata.TabletAlias;
import io.jvitess.tablet.TabletConfig;
import io.jvitess.tablet.Vttablet;
import io.jvitess.topo.TopoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "vttablet", mixinStandardHelpOptions = true,
        description = "Serves one mysqld: queries from vtgate, administration from vtctld, replication from the shard primary.")
final class VttabletCommand implements Callable<Integer> {

    @Mixin
    TopoOptions topo;

    @Option(names = {"--tablet-path", "--tablet_path"}, required = true, description = "Tablet alias, e.g. zone1-100.")
    String tabletPath;

    @Option(names = {"--tablet-hostname", "--tablet_hostname"}, defaultValue = "localhost")
    String hostname;

    @Option(names = {"--init-keyspace", "--init_keyspace"}, required = true)
    String keyspace;

    @Option(names = {"--init-shard", "--init_shard"}, required = true)
    String shard;

    @Option(names = {"--init-tablet-type", "--init_tablet_type"}, defaultValue = "replica", description = "replica or rdonly.")
    String tabletType;

    @Option(names = {"--init-db-name-override", "--init_db_name_override"}, description = "Database name (default vt_<keyspace>).")
    String databaseName;

    @Option(names = "--port", defaultValue = "0", description = "HTTP port (recorded in the topo; default 15000+uid).")
    int httpPort;

    @Option(names = {"--grpc-port", "--grpc_port"}, defaultValue = "0", description = "gRPC port (default 16000+uid).")
    int grpcPort;

    @Option(names = {"--db-host", "--db_host"}, defaultValue = "127.0.0.1")
    String mysqlHost;

    @Option(names = {"--db-port", "--db_port", "--mysql-port", "--mysql_port"}, defaultValue = "0", description = "mysqld port (default 17000+uid).")
    int mysqlPort;

    @Option(names = {"--health-check-interval", "--health_check_interval"}, defaultValue = "5s", converter = GoDuration.class)
    Duration healthCheckInterval;

    @Option(names = {"--queryserver-config-transaction-timeout", "--queryserver_config_transaction_timeout"}, defaultValue = "30s",
            converter = GoDuration.class)
    Duration transactionTimeout;

    @Option(names = {"--queryserver-config-pool-size", "--queryserver_config_pool_size"}, defaultValue = "16")
    int poolSize;

    @Option(names = {"--queryserver-config-max-result-size", "--queryserver_config_max_result_size"}, defaultValue = "10000")
    int maxResultSize;

    @Option(names = {"--pid-file", "--pid_file"})
    Path pidFile;

    @Override
    public Integer call() {
        TabletAlias alias = TabletAliases.parse(tabletPath);
        int uid = alias.getUid();
        TabletConfig config = new TabletConfig(alias, hostname, keyspace, shard, TabletTypes.parse(tabletType),
                databaseName == null ? "vt_" + keyspace : databaseName,
                grpcPort != 0 ? grpcPort : 16000 + uid,
                httpPort != 0 ? httpPort : 15000 + uid,
                mysqlHost,
                mysqlPort != 0 ? mysqlPort : 17000 + uid,
                healthCheckInterval, transactionTimeout, poolSize, maxResultSize);
        TopoServer topoServer = topo.open();
        Vttablet tablet = new Vttablet(config, topoServer);
        tablet.start();
        Daemon.run("vttablet " + tabletPath, pidFile, List.of(topoServer, tablet));
        return 0;
    }
}
