package io.jvitess.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Starts {@code bin/vttestserver} as its own process, the way an application team's CI would. */
public final class Vttestserver {

    private Vttestserver() {
    }

    public static Process start(Path workDirectory, Path schemaDirectory, int basePort, String keyspaces, String shardCounts)
            throws IOException, InterruptedException {
        Path root = projectRoot();
        Path log = workDirectory.resolve("vttestserver.out");
        Process process = new ProcessBuilder(root.resolve("bin/vttestserver").toString(),
                "--keyspaces", keyspaces, "--num_shards", shardCounts, "--schema_dir", schemaDirectory.toString(),
                "--port", Integer.toString(basePort), "--mysql_bind_host", "127.0.0.1",
                "--data_dir", workDirectory.resolve("vtdataroot").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("vttestserver exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (accepts(basePort + 3)) {
                try (Connection ignored = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + (basePort + 3) + "/?sslMode=disable", "app", "")) {
                    return process;
                } catch (SQLException notYet) {
                    // still starting
                }
            }
            Thread.sleep(200);
        }
        stop(process);
        throw new IllegalStateException("vttestserver did not serve MySQL on " + (basePort + 3) + " within 3 minutes:\n" + Files.readString(log));
    }

    public static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    public static Path projectRoot() {
        String configured = System.getProperty("jvitess.projectRoot");
        Path candidate = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (candidate != null && !Files.exists(candidate.resolve("mvnw"))) {
            candidate = candidate.getParent();
        }
        if (candidate == null) {
            throw new IllegalStateException("cannot find the project root");
        }
        return candidate;
    }

    /** A base port P with P..P+3 free (vttestserver uses P+1 for gRPC, P+2 for mysqld and P+3 for MySQL clients). */
    public static int freeBasePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(20000);
            boolean free = true;
            for (int offset = 0; offset <= 3 && free; offset++) {
                try (java.net.ServerSocket socket = new java.net.ServerSocket(base + offset, 1, java.net.InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no free port range found");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
