package io.jvitess.mysql.auth;

import static java.util.Objects.requireNonNull;

/** Accepts every user with any password: the local-development default, never for production. */
final class NoneAuthServer implements AuthServer {

    @Override
    public AuthenticatedUser authenticate(String user, byte[] scramble, byte[] scrambleResponse, String remoteAddress) {
        requireNonNull(user, "user is null");
        return new AuthenticatedUser(user, user);
    }

    @Override
    public String toString() {
        return "none";
    }
}
