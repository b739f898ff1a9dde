package io.jvitess.mysqlctl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test mysqlds in one temporary VTDATAROOT on free ports. {@link #close()} stops each one by its own pid, forcibly
 * if the clean shutdown fails, and deletes the directory.
 */
final class LocalMysqlds implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static final Logger log = LoggerFactory.getLogger(LocalMysqlds.class);

    private final Path vtDataRoot;
    private final List<Mysqld> mysqlds = new ArrayList<>();

    LocalMysqlds() throws IOException {
        // Short on purpose: the socket path must stay under 107 bytes.
        vtDataRoot = Files.createTempDirectory("mysqlctl-test-");
    }

    Path vtDataRoot() {
        return vtDataRoot;
    }

    synchronized Mysqld create(int tabletUid) throws IOException {
        return track(new Mysqld(MysqldConfig.of(tabletUid, freePort(), vtDataRoot)));
    }

    synchronized Mysqld track(Mysqld mysqld) {
        mysqlds.add(mysqld);
        return mysqld;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        for (Mysqld mysqld : mysqlds) {
            stop(mysqld);
        }
        mysqlds.clear();
        FileTrees.deleteRecursively(vtDataRoot);
    }

    static void stop(Mysqld mysqld) {
        OptionalLong pid = mysqld.pid();
        try {
            mysqld.shutdown(TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("Clean shutdown of {} failed, killing it: {}", mysqld, e.toString());
        } finally {
            pid.ifPresent(id -> ProcessHandle.of(id).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
