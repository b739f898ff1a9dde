package io.jvitess.mysql.auth;

/**
 * Decides who may log in. The server always authenticates with {@code mysql_native_password}: it
 * sends a random 20-byte scramble and the client answers
 * {@code SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password)))}, so no password crosses the wire.
 * Implementations must be thread-safe; every connection calls them.
 */
public interface AuthServer {

    /**
     * Verifies one login.
     *
     * @param user             the user name the client sent
     * @param scramble         the salt this connection's handshake carried (20 bytes)
     * @param scrambleResponse the client's answer (empty when the client has no password)
     * @param remoteAddress    where the client connects from, for logs and host rules
     * @return the authenticated user
     * @throws io.jvitess.common.errors.VtException 1045/28000 {@code Access denied for user 'u'} on any mismatch
     */
    AuthenticatedUser authenticate(String user, byte[] scramble, byte[] scrambleResponse, String remoteAddress);
}
