package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import io.jvitess.mysql.protocol.CapabilityFlags;

import static java.util.Objects.requireNonNull;

/**
 * The server's greeting (Protocol::HandshakeV10): version, connection id, the auth scramble
 * (salt) and the capabilities and auth plugin the server offers.
 */
public record HandshakeV10(
        String serverVersion,
        long connectionId,
        ByteString scramble,
        int capabilities,
        int characterSet,
        int statusFlags,
        String authPluginName) {

    public static final int PROTOCOL_VERSION = 10;
    private static final int SCRAMBLE_PART_1_LENGTH = 8;

    public HandshakeV10 {
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(scramble, "scramble is null");
        requireNonNull(authPluginName, "authPluginName is null");
        if (scramble.size() < SCRAMBLE_PART_1_LENGTH) {
            throw new IllegalArgumentException("scramble must have at least 8 bytes: " + scramble.size());
        }
    }

    public static HandshakeV10 read(PacketReader reader) {
        int protocol = reader.readInt1();
        if (protocol != PROTOCOL_VERSION) {
            throw new MalformedPacketException("unsupported handshake protocol version " + protocol);
        }
        String version = reader.readNulString();
        long connectionId = reader.readInt4();
        byte[] part1 = reader.readFixedBytes(SCRAMBLE_PART_1_LENGTH);
        reader.skip(1);
        int capabilities = reader.readInt2();
        int characterSet = reader.readInt1();
        int status = reader.readInt2();
        capabilities |= reader.readInt2() << 16;
        int authDataLength = reader.readInt1();
        reader.skip(10);
        ByteString scramble = ByteString.copyFrom(part1);
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_SECURE_CONNECTION)) {
            int part2Length = Math.max(13, authDataLength - SCRAMBLE_PART_1_LENGTH);
            byte[] part2 = reader.readFixedBytes(part2Length);
            // part 2 ends with a NUL that is not part of the scramble
            int scrambleLength = part2[part2Length - 1] == 0 ? part2Length - 1 : part2Length;
            scramble = scramble.concat(ByteString.copyFrom(part2, 0, scrambleLength));
        }
        String plugin = CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH) ? reader.readNulString() : "";
        return new HandshakeV10(version, connectionId, scramble, capabilities, characterSet, status, plugin);
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(PROTOCOL_VERSION);
        writer.writeNulString(serverVersion);
        writer.writeInt4(connectionId);
        writer.writeBytes(scramble.substring(0, SCRAMBLE_PART_1_LENGTH).toByteArray());
        writer.writeInt1(0);
        writer.writeInt2(capabilities);
        writer.writeInt1(characterSet);
        writer.writeInt2(statusFlags);
        writer.writeInt2(capabilities >>> 16);
        writer.writeInt1(CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH) ? scramble.size() + 1 : 0);
        writer.writeZeros(10);
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_SECURE_CONNECTION)) {
            byte[] part2 = scramble.substring(SCRAMBLE_PART_1_LENGTH).toByteArray();
            writer.writeBytes(part2);
            // clients read at least 13 bytes here, the last being NUL
            writer.writeZeros(Math.max(13 - part2.length, 1));
        }
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH)) {
            writer.writeNulString(authPluginName);
        }
    }
}
