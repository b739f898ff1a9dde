package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;

import static java.util.Objects.requireNonNull;

/** The client's auth data for the plugin named in an {@link AuthSwitchRequest}; the whole payload. */
public record AuthSwitchResponse(ByteString authData) {

    public AuthSwitchResponse {
        requireNonNull(authData, "authData is null");
    }

    public static AuthSwitchResponse read(PacketReader reader) {
        return new AuthSwitchResponse(ByteString.copyFrom(reader.readEofBytes()));
    }

    public void write(PacketWriter writer) {
        writer.writeBytes(authData.toByteArray());
    }
}
