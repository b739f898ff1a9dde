package io.jvitess.mysql.auth;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Builds the {@link AuthServer} named by {@code --mysql_auth_server_impl}. */
public final class AuthServers {

    private AuthServers() {
    }

    /**
     * @param implementation "none" (accept any user and password, the local default) or "static"
     *                       (users from a JSON file in Vitess's format)
     * @param staticFile     the JSON file; required for "static"
     * @throws IllegalArgumentException unknown implementation, missing or invalid static file
     */
    public static AuthServer create(String implementation, Optional<Path> staticFile) {
        requireNonNull(implementation, "implementation is null");
        requireNonNull(staticFile, "staticFile is null");
        return switch (implementation) {
            case "none" -> new NoneAuthServer();
            case "static" -> StaticAuthServer.fromFile(staticFile.orElseThrow(
                    () -> new IllegalArgumentException("auth server 'static' needs a static auth file (--mysql_auth_static_file)")));
            default -> throw new IllegalArgumentException("unknown auth server '" + implementation + "'; use 'none' or 'static'");
        };
    }
}
