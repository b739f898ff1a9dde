package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import io.jvitess.proto.query.Row;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;

/** What the protocol tests build packets and rows from. */
public final class PacketFixtures {

    static final HexFormat HEX = HexFormat.of();

    private PacketFixtures() {
    }

    /** The bytes {@code encoder} writes, as lower-case hex. */
    static String hex(Consumer<PacketWriter> encoder) {
        PacketWriter writer = new PacketWriter();
        encoder.accept(writer);
        return HEX.formatHex(writer.toByteArray());
    }

    /** A reader over a packet payload given as hex. */
    static PacketReader reader(String hex) {
        return new PacketReader(HEX.parseHex(hex));
    }

    /** A row of text values; null is SQL NULL. */
    public static Row row(String... values) {
        Row.Builder row = Row.newBuilder();
        ByteString.Output bytes = ByteString.newOutput();
        for (String value : values) {
            if (value == null) {
                row.addLengths(-1);
            } else {
                byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
                row.addLengths(encoded.length);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return row.setValues(bytes.toByteString()).build();
    }
}
