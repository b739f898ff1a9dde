package io.jvitess.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The command-line clients end-to-end tests drive as a user would: mariadb against vtgate, bin/vtctldclient against vtctld. */
record ClusterClients(Shell shell, int vtgatePort, int vtctldPort) {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    ClusterClients {
        requireNonNull(shell, "shell is null");
    }

    Shell.Result mariadb(List<String> arguments, Path stdin) {
        List<String> command = new ArrayList<>(List.of("mariadb", "--no-defaults", "-h", "127.0.0.1", "-P", Integer.toString(vtgatePort)));
        command.addAll(arguments);
        return shell.run(TIMEOUT, command, stdin);
    }

    Shell.Result vtctldclient(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bin/vtctldclient", "--server", "localhost:" + vtctldPort));
        command.addAll(List.of(arguments));
        return shell.run(TIMEOUT, command);
    }

    /** A test resource (expected client output) as text. */
    static String resource(String name) throws IOException {
        try (InputStream input = ClusterClients.class.getResourceAsStream("/" + name)) {
            return new String(requireNonNull(input, "no test resource " + name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
