package io.jvitess.cli;

import io.jvitess.vttest.VttestCluster;
import io.jvitess.vttest.VttestConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "vttestserver", mixinStandardHelpOptions = true,
        description = "A whole cluster in one process on one mysqld (Vitess's vttestserver), for application tests:"
                + " vtctld gRPC on --port+1, mysqld on --port+2, vtgate's MySQL protocol on --port+3.")
final class VttestserverCommand implements Callable<Integer> {

    @Option(names = "--keyspaces", split = ",", defaultValue = "test_keyspace", description = "Comma-separated keyspace names.")
    List<String> keyspaces;

    @Option(names = {"--num_shards", "--num-shards"}, split = ",", defaultValue = "2",
            description = "Comma-separated shard counts, one per keyspace (1 means unsharded, shard 0).")
    List<Integer> shardCounts;

    @Option(names = {"--schema_dir", "--schema-dir"},
            description = "Directory with <keyspace>/*.sql applied to every shard and <keyspace>/vschema.json.")
    Path schemaDirectory;

    @Option(names = "--port", defaultValue = "0", description = "Base port; 0 picks free ports for everything.")
    int basePort;

    @Option(names = {"--mysql_bind_host", "--mysql-bind-host"}, defaultValue = "127.0.0.1",
            description = "Address vtgate's MySQL port binds.")
    String mysqlBindHost;

    @Option(names = {"--data_dir", "--data-dir"}, description = "Where mysqld keeps its files (default: a temporary directory, removed on exit).")
    Path dataDirectory;

    @Option(names = {"--replica_count", "--replica-count"}, defaultValue = "1", description = "REPLICA tablets per shard.")
    int replicaCount;

    @Option(names = {"--rdonly_count", "--rdonly-count"}, defaultValue = "1", description = "RDONLY tablets per shard.")
    int rdonlyCount;

    @Option(names = {"--pid-file", "--pid_file"})
    Path pidFile;

    @Override
    public Integer call() {
        if (keyspaces.size() != shardCounts.size()) {
            throw new IllegalArgumentException(String.format(
                    "--keyspaces and --num_shards need one entry each per keyspace: got %d keyspaces %s and %d shard counts %s",
                    keyspaces.size(), keyspaces, shardCounts.size(), shardCounts));
        }
        VttestConfig.Builder config = VttestConfig.builder()
                .schemaDirectory(schemaDirectory)
                .basePort(basePort)
                .mysqlBindHost(mysqlBindHost)
                .dataDirectory(dataDirectory)
                .replicaCount(replicaCount)
                .rdonlyCount(rdonlyCount);
        for (int index = 0; index < keyspaces.size(); index++) {
            config.keyspace(keyspaces.get(index), shardCounts.get(index));
        }
        VttestCluster cluster = VttestCluster.start(config.build());
        System.out.printf("vttestserver is ready: MySQL clients connect to %s:%d (mysql -h %s -P %d), keyspaces %s;"
                        + " vtctldclient --server 127.0.0.1:%d%n",
                cluster.mysqlBindHost(), cluster.vtgateMysqlPort(), cluster.mysqlBindHost(), cluster.vtgateMysqlPort(),
                String.join(",", keyspaces), cluster.vtctldGrpcPort());
        System.out.flush();
        Daemon.run("vttestserver", pidFile, List.of(cluster));
        return 0;
    }
}
