package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;

import static java.util.Objects.requireNonNull;

/** Asks the client to redo authentication with another plugin (Protocol::AuthSwitchRequest). */
public record AuthSwitchRequest(String pluginName, ByteString pluginData) {

    public static final int HEADER = 0xFE;

    public AuthSwitchRequest {
        requireNonNull(pluginName, "pluginName is null");
        requireNonNull(pluginData, "pluginData is null");
    }

    public static AuthSwitchRequest read(PacketReader reader) {
        int header = reader.readInt1();
        if (header != HEADER) {
            throw new MalformedPacketException(String.format("auth switch request starts with 0x%02x", header));
        }
        String plugin = reader.readNulString();
        return new AuthSwitchRequest(plugin, ByteString.copyFrom(reader.readEofBytes()));
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(HEADER);
        writer.writeNulString(pluginName);
        writer.writeBytes(pluginData.toByteArray());
    }
}
