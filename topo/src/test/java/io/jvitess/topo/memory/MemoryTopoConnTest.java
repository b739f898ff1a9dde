package io.jvitess.topo.memory;

import io.jvitess.topo.TopoConnContract;
import io.jvitess.topo.TopoConnFactory;

class MemoryTopoConnTest extends TopoConnContract {

    private final MemoryTopoConnFactory factory = new MemoryTopoConnFactory();

    @Override
    protected TopoConnFactory factory() {
        return factory;
    }

    @Override
    protected String serverAddress() {
        return "memory";
    }
}
