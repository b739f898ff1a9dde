package io.jvitess.mysql.server;

import com.google.protobuf.ByteString;
import io.jvitess.mysql.auth.AuthServer;
import io.jvitess.mysql.auth.NativePassword;
import io.jvitess.mysql.packet.ComQuery;
import io.jvitess.mysql.packet.ErrPacket;
import io.jvitess.mysql.packet.HandshakeResponse41;
import io.jvitess.mysql.packet.OkPacket;
import io.jvitess.mysql.packet.PacketReader;
import io.jvitess.mysql.packet.PacketWriter;
import io.jvitess.mysql.protocol.CapabilityFlags;
import io.jvitess.mysql.protocol.CharacterSets;
import io.jvitess.mysql.protocol.PacketChannel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted client for {@link ServerConnection} tests: the handshake response first, then
 * commands, run over in-memory streams; what the server wrote comes back as frames.
 */
final class ConnectionScript {

    static final int CLIENT_CAPABILITIES = CapabilityFlags.CLIENT_PROTOCOL_41
            | CapabilityFlags.CLIENT_SECURE_CONNECTION
            | CapabilityFlags.CLIENT_PLUGIN_AUTH
            | CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA
            | CapabilityFlags.CLIENT_TRANSACTIONS
            | CapabilityFlags.CLIENT_MULTI_RESULTS
            | CapabilityFlags.CLIENT_MULTI_STATEMENTS
            | CapabilityFlags.CLIENT_CONNECT_ATTRS
            | CapabilityFlags.CLIENT_CONNECT_WITH_DB;

    private final List<byte[]> frames = new ArrayList<>();
    private final MysqlHandler handler;
    private final AuthServer authServer;
    private final int maxPacketSize;
    private final AtomicBoolean authenticated;

    ConnectionScript(MysqlHandler handler, AuthServer authServer, int maxPacketSize, AtomicBoolean authenticated) {
        this.handler = handler;
        this.authServer = authServer;
        this.maxPacketSize = maxPacketSize;
        this.authenticated = authenticated;
    }

    ConnectionScript handshake(int capabilities, String plugin, byte[] authResponse) {
        HandshakeResponse41 response = new HandshakeResponse41(capabilities, 1 << 24, CharacterSets.UTF8MB4_GENERAL_CI, "app",
                ByteString.copyFrom(authResponse), Optional.of("commerce"), Optional.of(plugin),
                Map.of("_client_name", "script"));
        frames.add(Wire.frame(1, encode(response::write)));
        return this;
    }

    ConnectionScript handshake() {
        return handshake(CLIENT_CAPABILITIES, NativePassword.PLUGIN_NAME, new byte[0]);
    }

    ConnectionScript frame(int sequence, byte[] payload) {
        frames.add(Wire.frame(sequence, payload));
        return this;
    }

    ConnectionScript command(byte[] payload) {
        return frame(0, payload);
    }

    /** A command given by its packet encoder, e.g. {@code new ComStmtClose(1)::write}. */
    ConnectionScript command(Consumer<PacketWriter> encoder) {
        return command(encode(encoder));
    }

    ConnectionScript query(String sql) {
        return command(new ComQuery(sql)::write);
    }

    ConnectionScript command(int code) {
        return command(new byte[] {(byte) code});
    }

    /** Runs the connection to completion and returns what the server wrote, handshake included. */
    List<Wire.Frame> run() {
        return run(handler, 7);
    }

    /** Runs the script against another handler. */
    List<Wire.Frame> run(MysqlHandler other, long connectionId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketChannel channel = new PacketChannel(new ByteArrayInputStream(Wire.concat(frames)), out, maxPacketSize);
        new ServerConnection(connectionId, "10.0.0.1:5555", channel, "8.0.40-Vitess", authServer, other, new ServerCounters(() -> 1),
                () -> authenticated.set(true)).serve();
        return Wire.frames(out.toByteArray());
    }

    /** Runs and returns the responses to the commands, after the greeting and the login OK. */
    List<Wire.Frame> responses() {
        List<Wire.Frame> all = run();
        assertThat(all.size()).isGreaterThanOrEqualTo(2);
        assertThat(all.get(1).firstByte()).as("login OK").isEqualTo(OkPacket.HEADER);
        return all.subList(2, all.size());
    }

    static byte[] encode(Consumer<PacketWriter> encoder) {
        PacketWriter writer = new PacketWriter();
        encoder.accept(writer);
        return writer.toByteArray();
    }

    static OkPacket ok(Wire.Frame frame) {
        return OkPacket.read(new PacketReader(frame.payload()));
    }

    static ErrPacket err(Wire.Frame frame) {
        assertThat(frame.firstByte()).as("ERR header").isEqualTo(ErrPacket.HEADER);
        return ErrPacket.read(new PacketReader(frame.payload()));
    }
}
