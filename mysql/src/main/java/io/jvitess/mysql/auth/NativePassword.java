package io.jvitess.mysql.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The arithmetic of the {@code mysql_native_password} plugin. A stored password is
 * {@code SHA1(SHA1(password))} ("stage 2"), shown as {@code *} + 40 upper-case hex digits.
 */
public final class NativePassword {

    public static final String PLUGIN_NAME = "mysql_native_password";
    public static final int SCRAMBLE_LENGTH = 20;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private NativePassword() {
    }

    /** SHA1(SHA1(password)) of the UTF-8 password. */
    public static byte[] stage2Hash(String password) {
        return sha1(sha1(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** The {@code *HEX} form MySQL stores and Vitess's MysqlNativePassword holds. */
    public static String hashString(String password) {
        return "*" + HEX.formatHex(stage2Hash(password));
    }

    /**
     * Parses a {@code *HEX} hash.
     *
     * @throws IllegalArgumentException not a {@code *} followed by 40 hex digits
     */
    public static byte[] parseHashString(String hash) {
        if (hash.length() != 41 || hash.charAt(0) != '*') {
            throw new IllegalArgumentException("a mysql_native_password hash is '*' followed by 40 hex digits");
        }
        return HexFormat.of().parseHex(hash.substring(1).toLowerCase(Locale.ROOT));
    }

    /** What a client sends for {@code password}; empty for an empty password. */
    public static byte[] scramble(byte[] salt, String password) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = sha1(password.getBytes(StandardCharsets.UTF_8));
        byte[] mask = sha1(salt, sha1(stage1));
        return xor(stage1, mask);
    }

    /**
     * Checks a client's scramble response against a stored stage-2 hash; an empty hash means
     * "no password", which only an empty response matches.
     */
    public static boolean verify(byte[] salt, byte[] response, byte[] stage2) {
        if (stage2.length == 0 || response.length == 0) {
            return stage2.length == 0 && response.length == 0;
        }
        if (response.length != SCRAMBLE_LENGTH || stage2.length != SCRAMBLE_LENGTH) {
            return false;
        }
        byte[] stage1 = xor(response, sha1(salt, stage2));
        return MessageDigest.isEqual(sha1(stage1), stage2);
    }

    private static byte[] xor(byte[] left, byte[] right) {
        byte[] result = new byte[left.length];
        for (int i = 0; i < left.length; i++) {
            result[i] = (byte) (left[i] ^ right[i]);
        }
        return result;
    }

    private static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-1", e);
        }
    }
}
