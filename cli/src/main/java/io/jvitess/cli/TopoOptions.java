package io.jvitess.cli;

import io.jvitess.topo.TopoServer;
import picocli.CommandLine.Option;

/** Vitess's topology flags, shared by every binary that talks to the topo. */
public final class TopoOptions {

    @Option(names = {"--topo-implementation", "--topo_implementation"}, defaultValue = "zk2",
            description = "Topology backend: zk2 (ZooKeeper) or memory (single process, for tests).")
    String implementation;

    @Option(names = {"--topo-global-server-address", "--topo_global_server_address"}, defaultValue = "localhost:21811",
            description = "Address of the global topology server, e.g. localhost:21811.")
    String globalServerAddress;

    @Option(names = {"--topo-global-root", "--topo_global_root"}, defaultValue = "/vitess/global",
            description = "Path of the global topology data in the topology server.")
    String globalRoot;

    public TopoServer open() {
        return TopoServer.open(implementation, globalServerAddress, globalRoot);
    }
}
