package io.jvitess.mysqlctl;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mysqld behind one tablet: creates its data directory with the Vitess accounts, runs it as a detached
 * process, stops it and deletes it.
 *
 * <p>State lives on disk (data directory, pid file), not in this object, so a new {@code Mysqld} for the same
 * config sees and controls a server started by an earlier JVM. Lifecycle calls on one instance are serialized;
 * two instances for the same tablet are not coordinated.
 */
public final class Mysqld {

    public static final String DBA_USER = "vt_dba";
    public static final String APP_USER = "vt_app";
    public static final String REPL_USER = "vt_repl";
    public static final String FILTERED_USER = "vt_filtered";
    public static final String ALLPRIVS_USER = "vt_allprivs";

    private static final Logger log = LoggerFactory.getLogger(Mysqld.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    // sockaddr_un.sun_path is 108 bytes including the terminating NUL.
    private static final int MAX_SOCKET_PATH_BYTES = 107;
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    private static final int HANDSHAKE_PROTOCOL_VERSION = 10;

    private final MysqldConfig config;
    private final MysqldLayout layout;
    private final Object distributionLock = new Object();
    private MysqlDistribution distribution;

    public Mysqld(MysqldConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.layout = MysqldLayout.of(config.vtDataRoot(), config.tabletUid());
    }

    public MysqldConfig config() {
        return config;
    }

    /** The binaries this tablet runs; resolving the bundled MariaDB extracts it on first use. */
    public MysqlDistribution distribution() {
        synchronized (distributionLock) {
            if (distribution == null) {
                distribution = MysqlDistribution.forConfig(config);
            }
            return distribution;
        }
    }

    public MysqlFlavor flavor() {
        // The bundled binaries are known to be MariaDB; no need to extract them just to answer this.
        return config.usesBundledMariaDb() ? MysqlFlavor.MARIADB : distribution().flavor();
    }

    /** {@code $VTDATAROOT/vt_<uid as 10 digits>}. */
    public Path tabletDirectory() {
        return layout.tabletDirectory();
    }

    /** True once the data directory exists. */
    public boolean isInitialized() {
        return Files.isDirectory(layout.dataDirectory());
    }

    /** Creates the data dir, starts mysqld and creates the Vitess users; fails with a clear message if already initialized. */
    public synchronized void init(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        long startNanos = System.nanoTime();
        if (isInitialized()) {
            throw new IllegalStateException(String.format(
                    "mysqld for tablet %d is already initialized: %s exists. Call start() to run it, or teardown() to delete it before init().",
                    config.tabletUid(), layout.dataDirectory()));
        }
        MysqlDistribution binaries = distribution();
        log.info("Initializing {} {} data directory for tablet {} in {}",
                binaries.flavor(), binaries.version(), config.tabletUid(), layout.dataDirectory());
        createDirectories();
        createDataDirectory(binaries, deadline);
        launch(binaries, deadline);
        createUsers(binaries, deadline);
        verifyDbaLogin(deadline);
        log.info("Initialized mysqld for tablet {} (pid {}) on 127.0.0.1:{} in {} ms", config.tabletUid(),
                pid().orElse(-1), config.mysqlPort(), elapsedMillis(startNanos));
    }

    /**
     * Starts an initialized mysqld as a detached process that outlives this JVM (own session via {@code setsid} if
     * available, stdin from /dev/null, output to files); returns once it accepts connections. No-op if already
     * running, apart from waiting until it accepts connections.
     */
    public synchronized void start(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        if (!isInitialized()) {
            throw new IllegalStateException(String.format(
                    "mysqld for tablet %d is not initialized: %s does not exist. Call init() first.",
                    config.tabletUid(), layout.dataDirectory()));
        }
        OptionalLong running = pid();
        if (running.isPresent()) {
            log.debug("mysqld for tablet {} is already running as pid {}", config.tabletUid(), running.getAsLong());
            awaitReady(null, deadline);
            return;
        }
        launch(distribution(), deadline);
    }

    /** Clean shutdown (SIGTERM to the pid in the pid file), waits until the process is gone; no-op if not running. */
    public synchronized void shutdown(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        OptionalLong running = pid();
        if (running.isEmpty()) {
            log.debug("mysqld for tablet {} is not running; nothing to shut down", config.tabletUid());
            return;
        }
        long pid = running.getAsLong();
        long startNanos = System.nanoTime();
        log.info("Shutting down mysqld for tablet {} (pid {}) with SIGTERM", config.tabletUid(), pid);
        boolean signalled = ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
        if (!signalled && LocalProcesses.isAlive(pid)) {
            log.warn("Could not send SIGTERM to mysqld pid {} of tablet {}; is it owned by another user?", pid, config.tabletUid());
        }
        while (LocalProcesses.isAlive(pid)) {
            if (deadline.expired()) {
                throw new MysqlctlException(String.format(
                        "mysqld for tablet %d (pid %d) did not exit within %s of SIGTERM; InnoDB may still be flushing."
                                + " See %s; if it is stuck, kill -9 %d.",
                        config.tabletUid(), pid, deadline.timeout(), layout.errorLog(), pid));
            }
            Deadline.pause(POLL_INTERVAL);
        }
        log.info("mysqld for tablet {} (pid {}) stopped after {} ms", config.tabletUid(), pid, elapsedMillis(startNanos));
    }

    /** shutdown, then delete the tablet directory. */
    public synchronized void teardown(Duration timeout) {
        shutdown(timeout);
        if (!Files.exists(layout.tabletDirectory())) {
            return;
        }
        log.info("Deleting tablet directory {} of tablet {}", layout.tabletDirectory(), config.tabletUid());
        try {
            FileTrees.deleteRecursively(layout.tabletDirectory());
        } catch (IOException e) {
            throw new MysqlctlException("Cannot delete " + layout.tabletDirectory() + " of tablet "
                    + config.tabletUid() + ": " + e.getMessage(), e);
        }
    }

    /** Pid file present and that pid alive. */
    public boolean isRunning() {
        return pid().isPresent();
    }

    /** The pid from the pid file, if that process is alive and is this tablet's mysqld. */
    public OptionalLong pid() {
        String text;
        try {
            text = Files.readString(layout.pidFile(), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            log.warn("Cannot read pid file {} of tablet {}: {}", layout.pidFile(), config.tabletUid(), e.toString());
            return OptionalLong.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // mysqld is writing it right now, or it is damaged
        }
        if (!LocalProcesses.isAlive(pid) || !LocalProcesses.hasArgument(pid, "--pid-file=" + layout.pidFile())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(pid);
    }

    public int port() {
        return config.mysqlPort();
    }

    /**
     * JDBC URL over TCP 127.0.0.1 with {@code sslMode=disable}; {@code database} may be empty. It names no user: pass
     * one to {@code getConnection(url, user, "")}, because Connector/J lets a user in the URL win over that argument.
     */
    public String jdbcUrl(String database) {
        requireNonNull(database, "database is null");
        return "jdbc:mariadb://127.0.0.1:" + config.mysqlPort() + "/" + database + "?sslMode=disable";
    }

    /** Like {@link #jdbcUrl(String)} with {@code user} in the URL, e.g. {@link #DBA_USER}; these users have no password. */
    public String jdbcUrl(String database, String user) {
        requireNonNull(user, "user is null");
        return jdbcUrl(database) + "&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Mysqld[tablet=" + config.tabletUid() + ", port=" + config.mysqlPort() + ", directory=" + layout.tabletDirectory() + "]";
    }

    private void createDirectories() {
        try {
            Files.createDirectories(layout.tabletDirectory());
            Files.createDirectories(layout.tmpDirectory());
            Files.createDirectories(layout.binLogDirectory());
            Files.createDirectories(layout.relayLogDirectory());
        } catch (IOException e) {
            throw new MysqlctlException("Cannot create the directories of tablet " + config.tabletUid() + " under "
                    + layout.tabletDirectory() + ": " + e.getMessage(), e);
        }
    }

    private void createDataDirectory(MysqlDistribution binaries, Deadline deadline) {
        List<String> command = MysqldCommandLine.install(binaries, layout);
        log.debug("Creating data directory of tablet {}: {}", config.tabletUid(), command);
        int exitCode = runToCompletion(command, null, deadline, "creating the data directory");
        if (exitCode != 0) {
            // A half-written data directory would make the retry fail with "already initialized".
            try {
                FileTrees.deleteRecursively(layout.dataDirectory());
            } catch (IOException e) {
                log.warn("Cannot remove the partial data directory {}: {}", layout.dataDirectory(), e.toString());
            }
            throw new MysqlctlException(String.format(
                    "Creating the data directory of tablet %d failed with exit code %d. Last lines of %s:%n%s",
                    config.tabletUid(), exitCode, layout.initLog(), LogTail.of(layout.initLog(), 20)));
        }
    }

    private void createUsers(MysqlDistribution binaries, Deadline deadline) {
        String sql = VitessUsers.initScript(binaries);
        int exitCode = runToCompletion(MysqldCommandLine.client(binaries, layout), sql, deadline, "creating the Vitess users");
        if (exitCode != 0) {
            throw new MysqlctlException(String.format(
                    "Creating the Vitess users on tablet %d failed with exit code %d; mysqld is left running as pid %s."
                            + " Call teardown() before init() again. Last lines of %s:%n%s",
                    config.tabletUid(), exitCode, pidText(), layout.initLog(), LogTail.of(layout.initLog(), 20)));
        }
        log.debug("Created the Vitess users on tablet {} and reset its binary logs", config.tabletUid());
    }

    private void verifyDbaLogin(Deadline deadline) {
        Properties properties = new Properties();
        properties.setProperty("user", DBA_USER);
        properties.setProperty("password", "");
        properties.setProperty("connectTimeout", Long.toString(Math.max(1_000, deadline.remaining().toMillis())));
        try (Connection connection = new org.mariadb.jdbc.Driver().connect(jdbcUrl(""), properties);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT CURRENT_USER()")) {
            result.next();
            log.debug("Tablet {}: logged in over TCP as {}", config.tabletUid(), result.getString(1));
        } catch (SQLException e) {
            throw new MysqlctlException(String.format(
                    "Tablet %d: %s cannot log in over TCP 127.0.0.1:%d after user setup: %s. See %s",
                    config.tabletUid(), DBA_USER, config.mysqlPort(), e.getMessage(), layout.initLog()), e);
        }
    }

    /** Runs a short-lived tool with output appended to init.log; returns its exit code. */
    private int runToCompletion(List<String> command, String input, Deadline deadline, String purpose) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(layout.tabletDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.initLog().toFile()));
        if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        removeClientEnvironment(builder.environment());
        try {
            Process process = builder.start();
            if (input != null) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                throw new MysqlctlException(String.format("Tablet %d: %s did not finish within %s. Last lines of %s:%n%s",
                        config.tabletUid(), purpose, deadline.timeout(), layout.initLog(), LogTail.of(layout.initLog(), 20)));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new MysqlctlException("Tablet " + config.tabletUid() + ": cannot run " + command.get(0) + " for "
                    + purpose + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MysqlctlException("Tablet " + config.tabletUid() + ": interrupted while " + purpose, e);
        }
    }

    /** Starts mysqld detached from this JVM and waits until it accepts connections. */
    private void launch(MysqlDistribution binaries, Deadline deadline) {
        checkSocketPathLength();
        if (portTakenFor(Duration.ofSeconds(10))) {
            throw new MysqlctlException(String.format(
                    "Cannot start mysqld for tablet %d: 127.0.0.1:%d is already in use by another process. Choose a free mysqlPort.",
                    config.tabletUid(), config.mysqlPort()));
        }
        createDirectories();
        try {
            // Not running (checked by the caller), so any pid file is stale and would confuse the readiness check.
            Files.deleteIfExists(layout.pidFile());
        } catch (IOException e) {
            throw new MysqlctlException("Cannot remove the stale pid file " + layout.pidFile() + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        LocalProcesses.setsid().ifPresentOrElse(
                setsid -> command.add(setsid.toString()),
                () -> log.warn("setsid not found on PATH: mysqld for tablet {} stays in this JVM's session and may"
                        + " receive signals sent to it (e.g. Ctrl-C)", config.tabletUid()));
        command.addAll(MysqldCommandLine.mysqld(binaries, layout, config));
        log.debug("Starting mysqld for tablet {}: {}", config.tabletUid(), command);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(layout.tabletDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.consoleLog().toFile()));
        removeClientEnvironment(builder.environment());
        long startNanos = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MysqlctlException("Cannot start " + binaries.mysqld() + " for tablet " + config.tabletUid() + ": " + e.getMessage(), e);
        }
        log.info("Starting mysqld for tablet {} on 127.0.0.1:{} (pid {}), data in {}",
                config.tabletUid(), config.mysqlPort(), process.pid(), layout.dataDirectory());
        long pid = awaitReady(process, deadline);
        log.info("mysqld for tablet {} (pid {}) accepts connections after {} ms", config.tabletUid(), pid, elapsedMillis(startNanos));
    }

    /** Waits for a live pid in the pid file and a MySQL greeting on the port; returns the pid. */
    private long awaitReady(Process launched, Deadline deadline) {
        while (true) {
            OptionalLong pid = pid();
            if (pid.isPresent() && acceptsMysqlConnections()) {
                return pid.getAsLong();
            }
            // Exit code 0 means setsid forked and mysqld lives on under another pid; keep polling the pid file.
            if (launched != null && pid.isEmpty() && !launched.isAlive() && launched.exitValue() != 0) {
                throw new MysqlctlException(String.format(
                        "mysqld for tablet %d exited with code %d while starting. Last lines of %s:%n%s",
                        config.tabletUid(), launched.exitValue(), layout.errorLog(), LogTail.of(layout.errorLog(), 20)));
            }
            if (deadline.expired()) {
                throw new MysqlctlException(String.format(
                        "mysqld for tablet %d did not accept connections on 127.0.0.1:%d within %s; it is left running"
                                + " as pid %s. Last lines of %s:%n%s",
                        config.tabletUid(), config.mysqlPort(), deadline.timeout(), pidText(), layout.errorLog(),
                        LogTail.of(layout.errorLog(), 20)));
            }
            Deadline.pause(POLL_INTERVAL);
        }
    }

    /**
     * True if the port answers with a MySQL protocol-10 greeting, which is sent before any authentication, so this
     * works before the Vitess users exist. Costs one "Aborted connection ... unauthenticated" warning per start.
     */
    private boolean acceptsMysqlConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), config.mysqlPort()), 250);
            socket.setSoTimeout(1_000);
            InputStream input = socket.getInputStream();
            byte[] greeting = input.readNBytes(5); // 3-byte length, sequence id, protocol version
            return greeting.length == 5 && greeting[4] == HANDSHAKE_PROTOCOL_VERSION;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Probes by binding, as mysqld will (with SO_REUSEADDR, so TIME_WAIT leftovers do not count). A connect
     * probe is wrong here: on Linux a connect to a free port in the ephemeral range can connect to itself.
     */
    private boolean portTakenFor(Duration grace) {
        // A SIGKILLed mysqld shows as a zombie while its other threads still exit holding the socket: give it a moment.
        long deadline = System.nanoTime() + grace.toNanos();
        while (portTaken()) {
            if (System.nanoTime() > deadline) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    private boolean portTaken() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), config.mysqlPort()));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void checkSocketPathLength() {
        int length = layout.socketFile().toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH_BYTES) {
            throw new MysqlctlException(String.format(
                    "The socket path %s of tablet %d is %d bytes, over the %d-byte Unix limit; use a shorter VTDATAROOT.",
                    layout.socketFile(), config.tabletUid(), length, MAX_SOCKET_PATH_BYTES));
        }
    }

    /** MYSQL_PWD, MYSQL_HOST, MYSQL_UNIX_PORT... from a developer's shell would redirect or break our root login. */
    private static void removeClientEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("MYSQL_") || name.startsWith("MARIADB_"));
    }

    private String pidText() {
        OptionalLong pid = pid();
        return pid.isPresent() ? Long.toString(pid.getAsLong()) : "unknown";
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
