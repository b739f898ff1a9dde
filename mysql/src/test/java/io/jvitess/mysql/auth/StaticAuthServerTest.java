package io.jvitess.mysql.auth;

import io.jvitess.common.errors.VtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StaticAuthServerTest {

    private static final byte[] SALT = "abcdefghijklmnopqrst".getBytes();

    private static final String USERS = """
            {
              "user1": [{"Password": "pw1", "UserData": "data1"}],
              "user2": [{"MysqlNativePassword": "%s", "UserData": "u2"}],
              "multi": [{"Password": "first"}, {"Password": "second", "UserData": "second-data"}],
              "single": {"Password": "alone"},
              "empty": [{}]
            }
            """.formatted(NativePassword.hashString("pw2"));

    private final StaticAuthServer server = StaticAuthServer.fromJson(USERS);

    private AuthenticatedUser login(String user, String password) {
        return server.authenticate(user, SALT, NativePassword.scramble(SALT, password), "127.0.0.1:1");
    }

    @Test
    void acceptsPlaintextAndHashedPasswords() {
        assertThat(login("user1", "pw1")).isEqualTo(new AuthenticatedUser("user1", "data1"));
        assertThat(login("user2", "pw2")).isEqualTo(new AuthenticatedUser("user2", "u2"));
        assertThat(login("single", "alone")).isEqualTo(new AuthenticatedUser("single", "single"));
        assertThat(login("empty", "")).isEqualTo(new AuthenticatedUser("empty", "empty"));
    }

    @Test
    void anyMatchingEntryWins() {
        assertThat(login("multi", "first").userData()).isEqualTo("multi");
        assertThat(login("multi", "second").userData()).isEqualTo("second-data");
    }

    @Test
    void deniesWithMysqlAccessDenied() {
        for (String[] attempt : new String[][] {{"user1", "pw2"}, {"user2", "wrong"}, {"nobody", "pw1"}, {"empty", "x"}, {"USER1", "pw1"}}) {
            VtException denied = catchThrowableOfType(VtException.class, () -> login(attempt[0], attempt[1]));
            assertThat(denied.errno()).isEqualTo(1045);
            assertThat(denied.sqlState().sqlState()).isEqualTo("28000");
            assertThat(denied.getMessage()).isEqualTo("Access denied for user '" + attempt[0] + "'");
        }
    }

    @Test
    void invalidDocumentsAreRejectedWithAReason() {
        assertThatThrownBy(() -> StaticAuthServer.fromJson("[1, 2]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> StaticAuthServer.fromJson("{\"u\": ")).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> StaticAuthServer.fromJson("{\"u\": [\"pw\"]}")).hasMessageContaining("user 'u'");
        assertThatThrownBy(() -> StaticAuthServer.fromJson("{\"u\": {\"MysqlNativePassword\": \"nothex\"}}"))
                .hasMessageContaining("user 'u': MysqlNativePassword");
    }

    @Test
    void authServersBuildsNoneAndStatic(@TempDir Path temp) throws Exception {
        AuthServer none = AuthServers.create("none", Optional.empty());
        assertThat(none.authenticate("anyone", SALT, new byte[] {1, 2, 3}, "x")).isEqualTo(new AuthenticatedUser("anyone", "anyone"));

        Path file = temp.resolve("auth.json");
        Files.writeString(file, USERS);
        AuthServer fromFile = AuthServers.create("static", Optional.of(file));
        assertThat(fromFile.authenticate("user1", SALT, NativePassword.scramble(SALT, "pw1"), "x").userData()).isEqualTo("data1");

        assertThatThrownBy(() -> AuthServers.create("static", Optional.empty())).hasMessageContaining("--mysql_auth_static_file");
        assertThatThrownBy(() -> AuthServers.create("static", Optional.of(temp.resolve("missing.json"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.json");
        assertThatThrownBy(() -> AuthServers.create("ldap", Optional.empty())).hasMessageContaining("unknown auth server 'ldap'");
        Files.writeString(file, "{oops");
        assertThatThrownBy(() -> AuthServers.create("static", Optional.of(file))).hasMessageContaining(file.toString());
    }
}
