package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code hash} vindex's bijection: one DES block under the all-zero key, ECB, no padding, over the
 * big-endian uint64. Vitess chose DES for its 64-bit block, not for secrecy.
 */
final class DesBlock {

    private static final SecretKeySpec ZERO_KEY = new SecretKeySpec(new byte[8], "DES");
    // Cipher instances are not thread-safe; one per thread avoids a provider lookup on every value.
    private static final ThreadLocal<Cipher> ENCRYPT = ThreadLocal.withInitial(() -> cipher(Cipher.ENCRYPT_MODE));
    private static final ThreadLocal<Cipher> DECRYPT = ThreadLocal.withInitial(() -> cipher(Cipher.DECRYPT_MODE));

    private DesBlock() {
    }

    static byte[] encrypt(long number) {
        return apply(ENCRYPT.get(), ByteBuffer.allocate(8).putLong(number).array());
    }

    /** The number behind an 8-byte keyspace id; other lengths fail with {@code invalid keyspace id: <hex>}. */
    static long decrypt(byte[] keyspaceId) {
        if (keyspaceId == null || keyspaceId.length != 8) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid keyspace id: %s",
                    keyspaceId == null ? "" : HexFormat.of().formatHex(keyspaceId));
        }
        return ByteBuffer.wrap(apply(DECRYPT.get(), keyspaceId)).getLong();
    }

    private static byte[] apply(Cipher cipher, byte[] block) {
        try {
            return cipher.doFinal(block);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("DES over one 8-byte block cannot fail", impossible);
        }
    }

    private static Cipher cipher(int mode) {
        try {
            Cipher cipher = Cipher.getInstance("DES/ECB/NoPadding");
            cipher.init(mode, ZERO_KEY);
            return cipher;
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("the JDK provides no DES/ECB/NoPadding cipher, which the hash vindex needs", unavailable);
        }
    }
}
