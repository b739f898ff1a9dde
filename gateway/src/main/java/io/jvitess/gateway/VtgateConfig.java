package io.jvitess.gateway;

import io.jvitess.proto.topodata.TabletType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** vtgate's startup settings (Vitess's flag names in the CLI). */
public record VtgateConfig(
        String cell,
        List<String> cellsToWatch,
        String mysqlBindAddress,
        int mysqlPort,
        String authImplementation,
        Optional<Path> authStaticFile,
        Duration tabletRefreshInterval,
        String serverVersion,
        boolean replicaFallbackToPrimary,
        Set<TabletType> tabletTypesToWait,
        Duration initialTabletTimeout,
        OptionalInt httpPort,
        Duration bufferWindow) {

    public static final String DEFAULT_SERVER_VERSION = "8.0.40-Vitess";

    public VtgateConfig {
        requireNonNull(cell, "cell is null");
        cellsToWatch = List.copyOf(cellsToWatch);
        requireNonNull(mysqlBindAddress, "mysqlBindAddress is null");
        requireNonNull(authImplementation, "authImplementation is null");
        requireNonNull(authStaticFile, "authStaticFile is null");
        requireNonNull(tabletRefreshInterval, "tabletRefreshInterval is null");
        requireNonNull(serverVersion, "serverVersion is null");
        tabletTypesToWait = Set.copyOf(tabletTypesToWait);
        requireNonNull(initialTabletTimeout, "initialTabletTimeout is null");
        requireNonNull(httpPort, "httpPort is null");
        requireNonNull(bufferWindow, "bufferWindow is null");
    }

    /** Without the HTTP port (no /debug/vars). */
    public VtgateConfig(String cell, List<String> cellsToWatch, String mysqlBindAddress, int mysqlPort, String authImplementation,
                        Optional<Path> authStaticFile, Duration tabletRefreshInterval, String serverVersion, boolean replicaFallbackToPrimary,
                        Set<TabletType> tabletTypesToWait, Duration initialTabletTimeout) {
        this(cell, cellsToWatch, mysqlBindAddress, mysqlPort, authImplementation, authStaticFile, tabletRefreshInterval, serverVersion,
                replicaFallbackToPrimary, tabletTypesToWait, initialTabletTimeout, OptionalInt.empty(), Duration.ZERO);
    }

    public static VtgateConfig defaults(String cell, int mysqlPort) {
        return new VtgateConfig(cell, List.of(cell), "127.0.0.1", mysqlPort, "none", Optional.empty(),
                Duration.ofSeconds(1), DEFAULT_SERVER_VERSION, true, Set.of(TabletType.PRIMARY), Duration.ofSeconds(30));
    }

    public VtgateConfig withAuth(String implementation, Optional<Path> staticFile) {
        return new VtgateConfig(cell, cellsToWatch, mysqlBindAddress, mysqlPort, implementation, staticFile,
                tabletRefreshInterval, serverVersion, replicaFallbackToPrimary, tabletTypesToWait, initialTabletTimeout, httpPort,
                bufferWindow);
    }

    /** Serves /debug/vars on this port (Vitess's --port); 0 picks a free port. */
    public VtgateConfig withHttpPort(int port) {
        return new VtgateConfig(cell, cellsToWatch, mysqlBindAddress, mysqlPort, authImplementation, authStaticFile,
                tabletRefreshInterval, serverVersion, replicaFallbackToPrimary, tabletTypesToWait, initialTabletTimeout, OptionalInt.of(port),
                bufferWindow);
    }

    /**
     * Holds primary-bound statements for up to {@code window} while a shard has no serving primary
     * (Vitess's --enable_buffer with --buffer-window); {@link Duration#ZERO} disables buffering.
     */
    public VtgateConfig withBufferWindow(Duration window) {
        return new VtgateConfig(cell, cellsToWatch, mysqlBindAddress, mysqlPort, authImplementation, authStaticFile,
                tabletRefreshInterval, serverVersion, replicaFallbackToPrimary, tabletTypesToWait, initialTabletTimeout, httpPort, window);
    }
}
