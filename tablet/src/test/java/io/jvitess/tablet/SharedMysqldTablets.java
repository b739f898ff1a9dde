package io.jvitess.tablet;

import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.mysqlctl.MysqldConfig;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.topo.TopoServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Tablets that share one real mysqld and an in-memory topo with a single cell; closing tears all of them down. */
final class SharedMysqldTablets implements AutoCloseable {

    private final String cell;
    private final List<Vttablet> tablets = new ArrayList<>();
    private final TopoServer topo;
    private final Mysqld mysqld;

    SharedMysqldTablets(String name, String cell) throws IOException {
        this.cell = cell;
        Path dataRoot = Files.createTempDirectory(name);
        topo = TopoServer.inMemory(cell);
        mysqld = new Mysqld(MysqldConfig.of(1, TabletTestSupport.freePort(), dataRoot));
        try {
            mysqld.init(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    TopoServer topo() {
        return topo;
    }

    Mysqld mysqld() {
        return mysqld;
    }

    /** A tablet on the shared mysqld, in the topo's cell, that checks its health often so that tests wait little. */
    TabletConfig config(int uid, String keyspace, String shard, TabletType type) {
        return TabletConfig.defaults(TabletAliases.of(cell, uid), keyspace, shard, type)
                .withPorts(0, mysqld.port())
                .withHealthCheckInterval(Duration.ofMillis(300));
    }

    Vttablet start(TabletConfig config) {
        Vttablet tablet = new Vttablet(config, topo);
        tablets.add(tablet);
        tablet.start();
        return tablet;
    }

    @Override
    public void close() {
        tablets.forEach(Vttablet::close);
        mysqld.teardown(Duration.ofSeconds(30));
        topo.close();
    }
}
