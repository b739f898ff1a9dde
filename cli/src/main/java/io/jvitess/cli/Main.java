package io.jvitess.cli;

import io.grpc.StatusRuntimeException;
import io.jvitess.cli.vtctldclient.VtctldClientCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One entry point for every jvitess binary; the first argument is the binary's Vitess name
 * ({@code bin/vtgate} runs {@code Main vtgate ...}).
 */
public final class Main {

    private static final Map<String, Supplier<Object>> COMMANDS = Map.of(
            "vtctldclient", VtctldClientCommand::new,
            "vtctld", VtctldCommand::new,
            "vtgate", VtgateCommand::new,
            "vttablet", VttabletCommand::new,
            "vttestserver", VttestserverCommand::new,
            "mysqlctl", MysqlctlCommand::new,
            "zkctld", ZkctldCommand::new);

    private Main() {
    }

    public static void main(String[] arguments) {
        System.exit(run(arguments));
    }

    static int run(String[] arguments) {
        if (arguments.length == 0 || !COMMANDS.containsKey(arguments[0])) {
            System.err.println("usage: Main <" + String.join("|", COMMANDS.keySet().stream().sorted().toList()) + "> [flags]");
            return 2;
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        String name = arguments[0];
        Object command = COMMANDS.get(name).get();
        CommandLine commandLine = new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((error, line, parseResult) -> {
                    System.err.println("E " + name + ": " + describe(error));
                    return 1;
                });
        if (!name.equals("vtctldclient") && !name.equals("mysqlctl")) {
            // Vitess scripts pass flags jvitess does not need (log dirs, service maps, backups): accept and say so.
            commandLine.setUnmatchedArgumentsAllowed(true);
        }
        // Warn before running: daemons only return from their command when the JVM shuts down.
        commandLine.setExecutionStrategy(parseResult -> {
            if (!commandLine.getUnmatchedArguments().isEmpty()) {
                System.err.println(name + ": ignored flags not used by jvitess: " + commandLine.getUnmatchedArguments());
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine.execute(Arrays.copyOfRange(arguments, 1, arguments.length));
    }

    private static String describe(Throwable error) {
        if (error instanceof StatusRuntimeException status) {
            String code = status.getStatus().getCode().name().toLowerCase(Locale.ROOT);
            return "rpc error: code = " + code + " desc = " + status.getStatus().getDescription();
        }
        return error.getMessage() == null ? error.toString() : error.getMessage();
    }
}
