package io.jvitess.mysql.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the server knows about an authenticated client.
 *
 * @param connectionId       the id sent in the handshake (what {@code CONNECTION_ID()} should return)
 * @param user               the login user name
 * @param initialSchema      the schema the client asked for in the handshake (CLIENT_CONNECT_WITH_DB)
 * @param remoteAddress      {@code host:port} of the client
 * @param attributes         connection attributes (CLIENT_CONNECT_ATTRS), e.g. {@code _client_name}
 * @param clientCapabilities the capabilities in effect: the client's flags AND the server's, see
 *                           {@link io.jvitess.mysql.protocol.CapabilityFlags}
 */
public record ConnectionInfo(
        long connectionId,
        String user,
        Optional<String> initialSchema,
        String remoteAddress,
        Map<String, String> attributes,
        int clientCapabilities) {

    public ConnectionInfo {
        requireNonNull(user, "user is null");
        requireNonNull(initialSchema, "initialSchema is null");
        requireNonNull(remoteAddress, "remoteAddress is null");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(attributes, "attributes is null")));
    }
}
