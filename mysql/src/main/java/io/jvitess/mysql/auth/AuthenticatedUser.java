package io.jvitess.mysql.auth;

import static java.util.Objects.requireNonNull;

/**
 * A user who passed authentication.
 *
 * @param user     the login name
 * @param userData what Vitess's static auth calls UserData: the identity to act as (e.g. for ACLs); the login name when not configured
 */
public record AuthenticatedUser(String user, String userData) {

    public AuthenticatedUser {
        requireNonNull(user, "user is null");
        requireNonNull(userData, "userData is null");
    }
}
