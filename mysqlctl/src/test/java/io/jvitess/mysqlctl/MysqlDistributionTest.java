package io.jvitess.mysqlctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MysqlDistributionTest {

    @TempDir
    Path directory;

    @Test
    void bundledMariaDbIsExtractedOnceAndReusedFromTheCache() throws IOException {
        Path cache = BundledMariaDb.defaultCacheDirectory();
        BundledMariaDb.extract(cache);
        Object mariadbd = fileKey(cache.resolve("bin/mariadbd"));

        assertThat(BundledMariaDb.extract(cache)).as("second extraction").isFalse();
        assertThat(fileKey(cache.resolve("bin/mariadbd"))).isEqualTo(mariadbd);

        MysqlDistribution bundled = MysqlDistribution.bundled();
        assertThat(MysqlDistribution.bundled()).isSameAs(bundled);
        assertThat(bundled.flavor()).isEqualTo(MysqlFlavor.MARIADB);
        assertThat(bundled.version()).isEqualTo("11.4.5");
        assertThat(bundled.basedir()).isEqualTo(cache);
        assertThat(bundled.mysqld()).isExecutable();
        assertThat(bundled.client()).isExecutable();
        assertThat(bundled.installDbScript()).hasValueSatisfying(script -> assertThat(script).isExecutable());
    }

    @Test
    void installedMariaDbIsDetectedFromItsVersionOutput() {
        MysqlDistribution bundled = MysqlDistribution.bundled();

        MysqlDistribution byBinary = MysqlDistribution.installed(Optional.of(bundled.mysqld()), Optional.empty());
        MysqlDistribution byBasedir = MysqlDistribution.installed(Optional.empty(), Optional.of(bundled.basedir()));

        for (MysqlDistribution installed : List.of(byBinary, byBasedir)) {
            assertThat(installed).isEqualTo(bundled);
        }
    }

    @Test
    void installedMysqlIsDetectedAndGetsMysqlInitAndFlags() throws IOException {
        Path bin = Files.createDirectories(directory.resolve("mysql-8.4/bin"));
        Path mysqld = script(bin.resolve("mysqld"),
                "echo '/opt/mysql/bin/mysqld  Ver 8.4.3 for Linux on x86_64 (MySQL Community Server - GPL)'");
        Path client = script(bin.resolve("mysql"), "exit 0");

        MysqlDistribution mysql = MysqlDistribution.installed(Optional.of(mysqld), Optional.empty());

        assertThat(mysql).isEqualTo(new MysqlDistribution(MysqlFlavor.MYSQL, "8.4.3", directory.resolve("mysql-8.4"),
                mysqld, client, Optional.empty()));
        MysqldLayout layout = MysqldLayout.of(directory, 7);
        assertThat(MysqldCommandLine.install(mysql, layout)).startsWith(mysqld.toString(), "--no-defaults", "--initialize-insecure");
        assertThat(MysqldCommandLine.mysqld(mysql, layout, MysqldConfig.of(7, 17000, directory)))
                .contains("--gtid-mode=ON", "--enforce-gtid-consistency=ON", "--log-replica-updates=ON", "--mysqlx=OFF")
                .doesNotContain("--skip-ssl", "--gtid-strict-mode=ON", "--query-cache-size=0");
        assertThat(VitessUsers.resetBinaryLogs(mysql)).isEqualTo("RESET BINARY LOGS AND GTIDS");
        assertThat(VitessUsers.resetBinaryLogs(new MysqlDistribution(MysqlFlavor.MYSQL, "8.0.36", mysql.basedir(),
                mysqld, client, Optional.empty()))).isEqualTo("RESET MASTER");
    }

    @Test
    void missingBinaryFailsWithTheConfiguredPath() {
        Path missing = directory.resolve("nowhere/sbin/mysqld");

        assertThatThrownBy(() -> MysqlDistribution.installed(Optional.of(missing), Optional.empty()))
                .isInstanceOf(MysqlctlException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist or is not executable");
        assertThatThrownBy(() -> MysqlDistribution.installed(Optional.empty(), Optional.of(directory)))
                .isInstanceOf(MysqlctlException.class)
                .hasMessageContaining("No mariadbd or mysqld under " + directory);
    }

    private static Path script(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
}
