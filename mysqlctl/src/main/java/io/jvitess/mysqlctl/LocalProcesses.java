package io.jvitess.mysqlctl;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Facts about processes that may not be our children (a mysqld started by an earlier JVM), read from /proc
 * where available.
 */
final class LocalProcesses {

    private static final Path PROC = Path.of("/proc");

    private LocalProcesses() {
    }

    /**
     * True if the process exists and has not exited. A zombie counts as gone: a mysqld re-parented to a PID 1
     * that does not reap stays a zombie after a clean shutdown, with its port already closed.
     */
    static boolean isAlive(long pid) {
        if (!hasProcFileSystem()) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        return statFieldsAfterName(pid)
                .map(fields -> !fields.get(0).equals("Z") && !fields.get(0).equals("X"))
                .orElse(false);
    }

    /** The session id (setsid) of a process, from /proc/[pid]/stat; empty without /proc or if the process is gone. */
    static OptionalLong sessionId(long pid) {
        return statFieldsAfterName(pid)
                .map(fields -> OptionalLong.of(Long.parseLong(fields.get(3))))
                .orElse(OptionalLong.empty());
    }

    /**
     * True if the process was started with {@code argument}, or if that cannot be checked. Guards against a stale
     * pid file whose pid now belongs to an unrelated process.
     */
    static boolean hasArgument(long pid, String argument) {
        Path commandLine = PROC.resolve(Long.toString(pid)).resolve("cmdline");
        if (!hasProcFileSystem()) {
            return true;
        }
        try {
            String raw = Files.readString(commandLine, StandardCharsets.UTF_8);
            return Arrays.asList(raw.split("\0")).contains(argument);
        } catch (IOException e) {
            // Gone means not ours; present but unreadable means we cannot tell.
            return Files.exists(commandLine.getParent());
        }
    }

    /** The {@code setsid} utility, which detaches a child from our session so it outlives this JVM. */
    static Optional<Path> setsid() {
        String path = System.getenv("PATH");
        Stream<Path> fromPath = path == null ? Stream.empty()
                : Arrays.stream(path.split(File.pathSeparator)).filter(entry -> !entry.isEmpty()).map(Path::of);
        return Stream.concat(Stream.of(Path.of("/usr/bin"), Path.of("/bin")), fromPath)
                .map(directory -> directory.resolve("setsid"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean hasProcFileSystem() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** Fields 3.. of /proc/[pid]/stat; the command name before them may itself contain spaces and parentheses. */
    private static Optional<List<String>> statFieldsAfterName(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            int nameEnd = stat.lastIndexOf(')');
            if (nameEnd < 0) {
                return Optional.empty();
            }
            return Optional.of(List.of(stat.substring(nameEnd + 1).trim().split("\\s+")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
