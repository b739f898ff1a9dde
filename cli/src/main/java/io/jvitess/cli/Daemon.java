package io.jvitess.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Runs a long-lived server until SIGTERM/SIGINT: pid file, orderly shutdown of its parts in reverse order. */
final class Daemon {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private Daemon() {
    }

    static void run(String name, Path pidFile, List<AutoCloseable> parts) {
        CountDownLatch stopped = new CountDownLatch(1);
        if (pidFile != null) {
            writePid(pidFile);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("{} shutting down", name);
            for (int index = parts.size() - 1; index >= 0; index--) {
                try {
                    parts.get(index).close();
                } catch (Exception e) {
                    log.warn("{}: error while stopping {}: {}", name, parts.get(index).getClass().getSimpleName(), e.toString());
                }
            }
            if (pidFile != null) {
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException ignored) {
                    // a stale pid file is harmless: scripts check the process too
                }
            }
            stopped.countDown();
        }, name + "-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writePid(Path pidFile) {
        try {
            Path parent = pidFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file " + pidFile, e);
        }
    }
}
