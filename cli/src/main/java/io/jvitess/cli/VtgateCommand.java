package io.jvitess.cli;

import io.jvitess.common.topoproto.TabletTypes;
import io.jvitess.gateway.Vtgate;
import io.jvitess.gateway.VtgateConfig;
import io.jvitess.topo.TopoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "vtgate", mixinStandardHelpOptions = true,
        description = "Speaks the MySQL protocol to applications and routes their queries to tablets.")
final class VtgateCommand implements Callable<Integer> {

    @Mixin
    TopoOptions topo;

    @Option(names = "--cell", defaultValue = "zone1")
    String cell;

    @Option(names = {"--cells-to-watch", "--cells_to_watch"}, split = ",", description = "Cells whose tablets to use (default: --cell).")
    List<String> cellsToWatch;

    @Option(names = {"--mysql-server-port", "--mysql_server_port"}, defaultValue = "15306")
    int mysqlPort;

    @Option(names = {"--mysql-server-bind-address", "--mysql_server_bind_address"}, defaultValue = "127.0.0.1")
    String bindAddress;

    @Option(names = {"--mysql-auth-server-impl", "--mysql_auth_server_impl"}, defaultValue = "static",
            description = "none (accept any user) or static (--mysql-auth-server-static-file).")
    String authImplementation;

    @Option(names = {"--mysql-auth-server-static-file", "--mysql_auth_server_static_file"})
    Path authStaticFile;

    @Option(names = {"--tablet-refresh-interval", "--tablet_refresh_interval"}, defaultValue = "1s", converter = GoDuration.class)
    Duration tabletRefreshInterval;

    @Option(names = {"--mysql-server-version", "--mysql_server_version"}, defaultValue = VtgateConfig.DEFAULT_SERVER_VERSION)
    String serverVersion;

    @Option(names = {"--replica-fallback-to-primary"}, defaultValue = "true", arity = "0..1",
            description = "Send replica reads to the primary when no replica is healthy.")
    boolean replicaFallbackToPrimary;

    @Option(names = {"--tablet-types-to-wait", "--tablet_types_to_wait"}, defaultValue = "PRIMARY", split = ",",
            description = "Tablet types to wait for (healthy) before opening the MySQL port.")
    List<String> tabletTypesToWait;

    @Option(names = {"--gateway-initial-tablet-timeout", "--gateway_initial_tablet_timeout"}, defaultValue = "30s", converter = GoDuration.class)
    Duration initialTabletTimeout;

    @Option(names = {"--enable-buffer", "--enable_buffer"},
            description = "Hold primary-bound queries while a shard's primary switches, instead of failing them.")
    boolean enableBuffer;

    @Option(names = {"--buffer-window", "--buffer_window"}, defaultValue = "10s", converter = GoDuration.class,
            description = "Longest a query is held by buffering.")
    Duration bufferWindow;

    @Option(names = "--port", defaultValue = "0", description = "HTTP port for /debug/vars (plan cache and other counters); 0 = off.")
    int httpPort;

    @Option(names = {"--pid-file", "--pid_file"})
    Path pidFile;

    @Override
    public Integer call() {
        VtgateConfig config = new VtgateConfig(cell, cellsToWatch == null || cellsToWatch.isEmpty() ? List.of(cell) : cellsToWatch,
                bindAddress, mysqlPort, authImplementation, Optional.ofNullable(authStaticFile), tabletRefreshInterval,
                serverVersion, replicaFallbackToPrimary,
                tabletTypesToWait.stream().map(TabletTypes::parse).collect(java.util.stream.Collectors.toSet()), initialTabletTimeout);
        if (enableBuffer) {
            config = config.withBufferWindow(bufferWindow);
        }
        if (httpPort != 0) {
            config = config.withHttpPort(httpPort);
        }
        TopoServer topoServer = topo.open();
        Vtgate vtgate = new Vtgate(config, topoServer);
        vtgate.start();
        Daemon.run("vtgate", pidFile, List.of(topoServer, vtgate));
        return 0;
    }
}
