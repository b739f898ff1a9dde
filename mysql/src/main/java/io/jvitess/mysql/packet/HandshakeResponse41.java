package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import io.jvitess.mysql.protocol.CapabilityFlags;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Collections.unmodifiableMap;
import static java.util.Objects.requireNonNull;

/**
 * The client's answer to the handshake (Protocol::HandshakeResponse41): its capabilities, user,
 * scrambled password, optional initial schema, auth plugin and connection attributes.
 */
public record HandshakeResponse41(
        int capabilities,
        long maxPacketSize,
        int characterSet,
        String user,
        ByteString authResponse,
        Optional<String> database,
        Optional<String> authPluginName,
        Map<String, String> attributes) {

    /** An SSLRequest is a bare 32-byte prefix of the handshake response with CLIENT_SSL set. */
    private static final int SSL_REQUEST_LENGTH = 32;

    public HandshakeResponse41 {
        requireNonNull(user, "user is null");
        requireNonNull(authResponse, "authResponse is null");
        requireNonNull(database, "database is null");
        requireNonNull(authPluginName, "authPluginName is null");
        attributes = unmodifiableMap(new LinkedHashMap<>(requireNonNull(attributes, "attributes is null")));
    }

    /** True if the payload is an SSLRequest (the client wants TLS before sending credentials). */
    public static boolean isSslRequest(byte[] payload) {
        if (payload.length != SSL_REQUEST_LENGTH) {
            return false;
        }
        int capabilities = (int) new PacketReader(payload).readInt4();
        return CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_SSL);
    }

    public static HandshakeResponse41 read(PacketReader reader) {
        int capabilities = (int) reader.readInt4();
        if (!CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PROTOCOL_41)) {
            throw new MalformedPacketException("client does not speak protocol 4.1");
        }
        long maxPacketSize = reader.readInt4();
        int characterSet = reader.readInt1();
        reader.skip(23);
        String user = reader.readNulString();
        ByteString authResponse;
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            authResponse = ByteString.copyFrom(reader.readLenencBytes());
        } else if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_SECURE_CONNECTION)) {
            authResponse = ByteString.copyFrom(reader.readFixedBytes(reader.readInt1()));
        } else {
            authResponse = ByteString.copyFrom(reader.readNulBytes());
        }
        Optional<String> database = Optional.empty();
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_CONNECT_WITH_DB) && reader.hasRemaining()) {
            database = Optional.of(reader.readNulString()).filter(name -> !name.isEmpty());
        }
        Optional<String> plugin = Optional.empty();
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH) && reader.hasRemaining()) {
            plugin = Optional.of(reader.readNulString());
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_CONNECT_ATTRS) && reader.hasRemaining()) {
            long attributesLength = reader.readLenencInt();
            if (attributesLength > reader.remaining()) {
                throw new MalformedPacketException("connection attributes length " + attributesLength + " exceeds the packet");
            }
            int attributesEnd = reader.remaining() - (int) attributesLength;
            while (reader.remaining() > attributesEnd) {
                String key = reader.readLenencString();
                attributes.put(key, reader.readLenencString());
            }
        }
        return new HandshakeResponse41(capabilities, maxPacketSize, characterSet, user, authResponse, database, plugin, attributes);
    }

    public void write(PacketWriter writer) {
        writer.writeInt4(capabilities);
        writer.writeInt4(maxPacketSize);
        writer.writeInt1(characterSet);
        writer.writeZeros(23);
        writer.writeNulString(user);
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            writer.writeLenencBytes(authResponse.toByteArray());
        } else if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_SECURE_CONNECTION)) {
            writer.writeInt1(authResponse.size());
            writer.writeBytes(authResponse.toByteArray());
        } else {
            writer.writeBytes(authResponse.toByteArray()).writeInt1(0);
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_CONNECT_WITH_DB)) {
            writer.writeNulString(database.orElse(""));
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH)) {
            writer.writeNulString(authPluginName.orElse(""));
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_CONNECT_ATTRS)) {
            PacketWriter encoded = new PacketWriter();
            attributes.forEach((key, value) -> encoded.writeLenencString(key).writeLenencString(value));
            writer.writeLenencInt(encoded.length());
            writer.writeBytes(encoded.buffer(), 0, encoded.length());
        }
    }
}
