package io.jvitess.cli;

import io.jvitess.ctld.Vtctld;
import io.jvitess.topo.TopoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "vtctld", mixinStandardHelpOptions = true, description = "The admin API server vtctldclient talks to.")
final class VtctldCommand implements Callable<Integer> {

    @Mixin
    TopoOptions topo;

    @Option(names = {"--grpc-port", "--grpc_port"}, defaultValue = "15999")
    int grpcPort;

    @Option(names = {"--pid-file", "--pid_file"})
    Path pidFile;

    @Override
    public Integer call() {
        TopoServer topoServer = topo.open();
        Vtctld vtctld = new Vtctld(topoServer, grpcPort);
        vtctld.start();
        Daemon.run("vtctld", pidFile, List.of(topoServer, vtctld));
        return 0;
    }
}
