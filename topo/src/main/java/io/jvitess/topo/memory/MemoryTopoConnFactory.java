package io.jvitess.topo.memory;

import io.jvitess.topo.TopoConn;
import io.jvitess.topo.TopoConnFactory;

import static java.util.Objects.requireNonNull;

/**
 * In-memory topology for tests and single-process setups: one tree per factory, each root a separate subtree. The
 * server address is ignored, so every cell registered with its own root lives in the same tree.
 */
public final class MemoryTopoConnFactory implements TopoConnFactory {

    private final MemoryTree tree = new MemoryTree();

    @Override
    public TopoConn create(String serverAddress, String root) {
        requireNonNull(serverAddress, "serverAddress is null");
        return new MemoryTopoConn(tree, root);
    }
}
