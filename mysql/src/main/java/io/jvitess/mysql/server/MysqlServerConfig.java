package io.jvitess.mysql.server;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Listener settings.
 *
 * @param bindAddress    interface to listen on
 * @param port           TCP port; 0 picks a free one (see {@link MysqlServer#port()})
 * @param serverVersion  the version string clients see; clients switch features on it, so keep it MySQL 8-like
 * @param maxPacketSize  largest client packet accepted (max_allowed_packet); bigger ones get ERR 1153
 * @param connectTimeout how long a client may take to complete the handshake
 */
public record MysqlServerConfig(String bindAddress, int port, String serverVersion, int maxPacketSize, Duration connectTimeout) {

    public static final String DEFAULT_SERVER_VERSION = "8.0.40-Vitess";
    public static final int DEFAULT_MAX_PACKET_SIZE = 64 * 1024 * 1024;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public MysqlServerConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
        if (maxPacketSize <= 0) {
            throw new IllegalArgumentException("maxPacketSize must be positive: " + maxPacketSize);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        if (serverVersion.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("serverVersion must not contain NUL");
        }
    }

    /** 127.0.0.1, the given port, "8.0.40-Vitess", 64 MiB packets, 10 s handshake timeout. */
    public static MysqlServerConfig defaults(int port) {
        return new MysqlServerConfig("127.0.0.1", port, DEFAULT_SERVER_VERSION, DEFAULT_MAX_PACKET_SIZE, DEFAULT_CONNECT_TIMEOUT);
    }

    public MysqlServerConfig withBindAddress(String bindAddress) {
        return new MysqlServerConfig(bindAddress, port, serverVersion, maxPacketSize, connectTimeout);
    }

    public MysqlServerConfig withPort(int port) {
        return new MysqlServerConfig(bindAddress, port, serverVersion, maxPacketSize, connectTimeout);
    }

    public MysqlServerConfig withServerVersion(String serverVersion) {
        return new MysqlServerConfig(bindAddress, port, serverVersion, maxPacketSize, connectTimeout);
    }

    public MysqlServerConfig withMaxPacketSize(int maxPacketSize) {
        return new MysqlServerConfig(bindAddress, port, serverVersion, maxPacketSize, connectTimeout);
    }

    public MysqlServerConfig withConnectTimeout(Duration connectTimeout) {
        return new MysqlServerConfig(bindAddress, port, serverVersion, maxPacketSize, connectTimeout);
    }
}
