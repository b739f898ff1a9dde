package io.jvitess.mysqlctl;

import static io.jvitess.mysqlctl.LocalMysqlds.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A mysqld started by one JVM keeps running after that JVM exits, and another JVM can control it. */
class MysqldDetachedStartTest {

    private LocalMysqlds mysqlds;

    @BeforeEach
    void createDataRoot() throws Exception {
        mysqlds = new LocalMysqlds();
    }

    @AfterEach
    void stopAll() throws Exception {
        mysqlds.close();
    }

    @Test
    void mysqldStartedByAnotherJvmOutlivesIt() throws Exception {
        Mysqld mysqld = mysqlds.create(201);
        mysqld.init(TIMEOUT);
        mysqld.shutdown(TIMEOUT);
        Path output = mysqlds.vtDataRoot().resolve("child-jvm.out");

        Process childJvm = ChildJvm.start(StartMysqldMain.class, output, "201", Integer.toString(mysqld.port()),
                mysqlds.vtDataRoot().toString());
        assertThat(childJvm.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String childOutput = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(childJvm.exitValue()).as(childOutput).isZero();

        long pid = mysqld.pid().orElseThrow();
        assertThat(childOutput).contains("started pid=" + pid);
        assertThat(childJvm.isAlive()).isFalse();
        assertThat(LocalProcesses.isAlive(pid)).isTrue();
        assertThat(LocalProcesses.sessionId(pid)).hasValue(pid)
                .isNotEqualTo(LocalProcesses.sessionId(ProcessHandle.current().pid()));
        try (Connection connection = MysqldTest.connect(mysqld, Mysqld.DBA_USER)) {
            assertThat(MysqldTest.query(connection, "SELECT @@server_id")).containsExactly("201");
        }

        mysqld.shutdown(TIMEOUT);

        assertThat(mysqld.isRunning()).isFalse();
        assertThat(LocalProcesses.isAlive(pid)).isFalse();
    }
}
