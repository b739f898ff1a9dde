package io.jvitess.mysqlctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MysqldConfigTest {

    @Test
    void ofUsesTheTabletUidAsServerIdAndTheBundledMariaDb() {
        MysqldConfig config = MysqldConfig.of(100, 17100, Path.of("/vt"));

        assertThat(config.serverId()).isEqualTo(100);
        assertThat(config.mysqldPath()).isEmpty();
        assertThat(config.basedir()).isEmpty();
        assertThat(config.extraFlags()).isEmpty();
        assertThat(config.usesBundledMariaDb()).isTrue();
    }

    @Test
    void tabletDirectoryFollowsTheVitessLayout() {
        Mysqld mysqld = new Mysqld(MysqldConfig.of(100, 17100, Path.of("/vt")));

        assertThat(mysqld.tabletDirectory()).isEqualTo(Path.of("/vt/vt_0000000100"));
        assertThat(mysqld.flavor()).isEqualTo(MysqlFlavor.MARIADB);
        assertThat(mysqld.port()).isEqualTo(17100);
        assertThat(mysqld.isInitialized()).isFalse();
        assertThat(mysqld.isRunning()).isFalse();
        assertThat(mysqld.pid()).isEmpty();
    }

    @Test
    void jdbcUrlUsesTcpLoopbackWithoutTls() {
        Mysqld mysqld = new Mysqld(MysqldConfig.of(100, 17100, Path.of("/vt")));

        assertThat(mysqld.jdbcUrl("")).isEqualTo("jdbc:mariadb://127.0.0.1:17100/?sslMode=disable");
        assertThat(mysqld.jdbcUrl("vt_commerce")).isEqualTo("jdbc:mariadb://127.0.0.1:17100/vt_commerce?sslMode=disable");
        assertThat(mysqld.jdbcUrl("", Mysqld.DBA_USER)).isEqualTo("jdbc:mariadb://127.0.0.1:17100/?sslMode=disable&user=vt_dba");
    }

    @Test
    void relativeDataRootIsMadeAbsoluteAndFlagsAreCopied() {
        List<String> flags = new ArrayList<>(List.of("--max-connections=50"));
        MysqldConfig config = new MysqldConfig(1, 17001, Path.of("relative/root"), 5, Optional.empty(), Optional.empty(), flags);
        flags.clear();

        assertThat(config.vtDataRoot()).isAbsolute().endsWithRaw(Path.of("relative/root"));
        assertThat(config.extraFlags()).containsExactly("--max-connections=50");
    }

    @Test
    void rejectsValuesMysqldCannotUse() {
        Path root = Path.of("/vt");
        assertThatThrownBy(() -> MysqldConfig.of(-1, 17100, root)).hasMessageContaining("tabletUid");
        assertThatThrownBy(() -> MysqldConfig.of(1, 70_000, root)).hasMessageContaining("mysqlPort");
        assertThatThrownBy(() -> MysqldConfig.of(0, 17100, root)).hasMessageContaining("serverId");
        assertThatThrownBy(() -> new MysqldConfig(1, 17100, root, 1L << 32, Optional.empty(), Optional.empty(), List.of()))
                .hasMessageContaining("serverId");
    }
}
