package io.jvitess.cli;

import io.jvitess.topo.embedded.EmbeddedZooKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "zkctld", mixinStandardHelpOptions = true,
        description = "Runs a single-node ZooKeeper on 127.0.0.1 for the local topology (the single-machine default).")
final class ZkctldCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "21811", description = "Client port.")
    int port;

    @Option(names = {"--data-dir", "--data_dir"}, required = true, description = "Directory for ZooKeeper's snapshots and logs.")
    Path dataDirectory;

    @Option(names = {"--pid-file", "--pid_file"})
    Path pidFile;

    @Override
    public Integer call() {
        EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start(dataDirectory, port);
        System.err.println("zkctld: ZooKeeper serving on " + zooKeeper.connectString());
        Daemon.run("zkctld", pidFile, List.of(zooKeeper));
        return 0;
    }
}
