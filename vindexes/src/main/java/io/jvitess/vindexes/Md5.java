package io.jvitess.vindexes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Raw 16-byte MD5, the keyspace id of {@code binary_md5} and {@code unicode_loose_md5}. */
final class Md5 {

    private Md5() {
    }

    static byte[] digest(byte[] input) {
        try {
            return MessageDigest.getInstance("MD5").digest(input);
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("every JDK must provide MD5", unavailable);
        }
    }
}
