package io.jvitess.mysql.auth;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativePasswordTest {

    private static final byte[] SALT = new byte[20];

    static {
        for (int i = 0; i < SALT.length; i++) {
            SALT[i] = (byte) (i + 1);
        }
    }

    @Test
    void hashStringMatchesMysqlPasswordFunction() {
        // SELECT PASSWORD('password') on MySQL 5.7
        assertThat(NativePassword.hashString("password")).isEqualTo("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
        assertThat(NativePassword.parseHashString("*2470c0c06dee42fd1618bb99005adca2ec9d1e19"))
                .isEqualTo(NativePassword.stage2Hash("password"));
    }

    @Test
    void scrambleMatchesAnIndependentComputation() {
        // SHA1(pw) XOR SHA1(salt + SHA1(SHA1(pw))) with salt 01..14, computed outside Java
        assertThat(HexFormat.of().formatHex(NativePassword.scramble(SALT, "password")))
                .isEqualTo("c17d6009a5cb47e59f7483fcf05553bbbf7dd0d6");
    }

    @Test
    void verifyAcceptsOnlyTheRightPassword() {
        byte[] stored = NativePassword.stage2Hash("s3cret");
        assertThat(NativePassword.verify(SALT, NativePassword.scramble(SALT, "s3cret"), stored)).isTrue();
        assertThat(NativePassword.verify(SALT, NativePassword.scramble(SALT, "S3cret"), stored)).isFalse();
        assertThat(NativePassword.verify(SALT, new byte[0], stored)).isFalse();
        assertThat(NativePassword.verify(SALT, new byte[7], stored)).isFalse();
        byte[] otherSalt = SALT.clone();
        otherSalt[0] = 99;
        assertThat(NativePassword.verify(otherSalt, NativePassword.scramble(SALT, "s3cret"), stored)).isFalse();
    }

    @Test
    void emptyPasswordMatchesOnlyAnEmptyResponse() {
        assertThat(NativePassword.scramble(SALT, "")).isEmpty();
        assertThat(NativePassword.verify(SALT, new byte[0], new byte[0])).isTrue();
        assertThat(NativePassword.verify(SALT, NativePassword.scramble(SALT, "x"), new byte[0])).isFalse();
    }

    @Test
    void malformedHashStringsAreRejected() {
        assertThatThrownBy(() -> NativePassword.parseHashString("2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NativePassword.parseHashString("*ZZ70C0C06DEE42FD1618BB99005ADCA2EC9D1E19"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
