package io.jvitess.mysql.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PacketChannelTest {

    private static final int MAX_FRAME = 0xFFFFFF;

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private PacketChannel writer() {
        return new PacketChannel(InputStream.nullInputStream(), written, Integer.MAX_VALUE);
    }

    private static PacketChannel reader(byte[] stream, int maxPacketSize) {
        return new PacketChannel(new ByteArrayInputStream(stream), OutputStream.nullOutputStream(), maxPacketSize);
    }

    /** Frame header: 3-byte little-endian length and sequence id. */
    private static byte[] header(int length, int sequence) {
        return new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) sequence};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void writesFramesWithIncreasingSequenceIds() throws Exception {
        PacketChannel channel = writer();
        channel.writePacket(new byte[] {0x01, 0x02, 0x03});
        channel.writePacket(new byte[0]);
        channel.flush();
        assertThat(HexFormat.of().formatHex(written.toByteArray())).isEqualTo("03000000010203" + "00000001");
        assertThat(channel.sequence()).isEqualTo(2);

        channel.resetSequence();
        channel.writePacket(new byte[] {(byte) 0xFE});
        channel.flush();
        assertThat(HexFormat.of().formatHex(written.toByteArray())).endsWith("01000000fe");
    }

    @Test
    void sequenceIdWrapsAfter255() throws Exception {
        PacketChannel channel = writer();
        for (int i = 0; i < 257; i++) {
            channel.writePacket(new byte[] {(byte) i});
        }
        channel.flush();
        byte[] bytes = written.toByteArray();
        assertThat(bytes[255 * 5 + 3]).isEqualTo((byte) 255);
        assertThat(bytes[256 * 5 + 3]).isEqualTo((byte) 0);
    }

    @Test
    void payloadOfExactlyMaxFrameIsFollowedByAnEmptyFrame() throws Exception {
        PacketChannel channel = writer();
        byte[] payload = filled(MAX_FRAME, 7);
        channel.writePacket(payload);
        channel.flush();
        byte[] bytes = written.toByteArray();

        assertThat(bytes).hasSize(MAX_FRAME + 8);
        assertThat(Arrays.copyOfRange(bytes, 0, 4)).isEqualTo(header(MAX_FRAME, 0));
        assertThat(Arrays.copyOfRange(bytes, MAX_FRAME + 4, MAX_FRAME + 8)).isEqualTo(header(0, 1));
        assertThat(reader(bytes, Integer.MAX_VALUE).readPacket()).isEqualTo(payload);
    }

    @Test
    void largePayloadIsSplitAndReassembled() throws Exception {
        PacketChannel channel = writer();
        byte[] payload = new byte[MAX_FRAME + 5];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        channel.writePacket(payload);
        channel.writePacket(new byte[] {42});
        channel.flush();
        byte[] bytes = written.toByteArray();

        assertThat(Arrays.copyOfRange(bytes, 0, 4)).isEqualTo(header(MAX_FRAME, 0));
        assertThat(Arrays.copyOfRange(bytes, MAX_FRAME + 4, MAX_FRAME + 8)).isEqualTo(header(5, 1));
        PacketChannel input = reader(bytes, Integer.MAX_VALUE);
        assertThat(input.readPacket()).isEqualTo(payload);
        assertThat(input.readPacket()).containsExactly(42);
        assertThat(input.sequence()).isEqualTo(3);
        assertThat(input.readPacket()).isNull();
    }

    @Test
    void oversizedPacketIsDrainedAndTheNextOneIsRead() throws Exception {
        byte[] stream = concat(header(20, 0), filled(20, 1), header(2, 0), new byte[] {'o', 'k'});
        PacketChannel channel = reader(stream, 10);

        PacketTooLargeException tooLarge = catchThrowableOfType(PacketTooLargeException.class, channel::readPacket);
        assertThat(tooLarge.packetSize()).isEqualTo(20);
        assertThat(tooLarge.maxPacketSize()).isEqualTo(10);
        assertThat(channel.sequence()).as("a reply to the oversized packet").isEqualTo(1);

        channel.resetSequence();
        assertThat(channel.readPacket()).containsExactly('o', 'k');
    }

    @Test
    void oversizedMultiFramePacketIsDrainedWhole() throws Exception {
        byte[] stream = concat(header(MAX_FRAME, 0), filled(MAX_FRAME, 1), header(3, 1), filled(3, 2), header(1, 0), new byte[] {9});
        PacketChannel channel = reader(stream, 1000);

        PacketTooLargeException tooLarge = catchThrowableOfType(PacketTooLargeException.class, channel::readPacket);
        assertThat(tooLarge.packetSize()).isEqualTo(MAX_FRAME + 3L);
        assertThat(channel.sequence()).isEqualTo(2);
        assertThat(channel.readPacket()).containsExactly(9);
    }

    @Test
    void limitCrossedInALaterFrameStillDrainsTheRest() throws Exception {
        byte[] stream = concat(header(MAX_FRAME, 0), filled(MAX_FRAME, 1), header(MAX_FRAME, 1), filled(MAX_FRAME, 2),
                header(0, 2), header(1, 0), new byte[] {9});
        PacketChannel channel = reader(stream, MAX_FRAME + 10);

        PacketTooLargeException tooLarge = catchThrowableOfType(PacketTooLargeException.class, channel::readPacket);
        assertThat(tooLarge.packetSize()).isEqualTo(2L * MAX_FRAME);
        assertThat(channel.readPacket()).containsExactly(9);
    }

    @Test
    void packetAtTheLimitIsAccepted() throws Exception {
        PacketChannel channel = reader(concat(header(10, 0), filled(10, 3)), 10);
        assertThat(channel.readPacket()).hasSize(10);
    }

    @Test
    void endOfStreamBetweenPacketsIsCleanButInsideOneIsAnError() throws Exception {
        assertThat(reader(new byte[0], 100).readPacket()).isNull();
        assertThatThrownBy(() -> reader(new byte[] {5, 0}, 100).readPacket()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader(concat(header(5, 0), new byte[] {1, 2}), 100).readPacket()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader(concat(header(5, 0), filled(3, 1)), 2).readPacket()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader(concat(header(MAX_FRAME, 0), filled(MAX_FRAME, 1)), Integer.MAX_VALUE).readPacket())
                .isInstanceOf(EOFException.class);
    }

    @Test
    void afterAFailedWriteEveryWriteFailsFast() {
        int[] writes = {0};
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writes[0]++;
                throw new IOException("Broken pipe");
            }
        };
        PacketChannel channel = new PacketChannel(InputStream.nullInputStream(), failing, 100);
        assertThatThrownBy(() -> channel.writePacket(new byte[] {1})).hasMessage("Broken pipe");
        assertThat(channel.isBroken()).isTrue();
        assertThatThrownBy(() -> channel.writePacket(new byte[] {1})).hasMessageContaining("connection already failed");
        assertThatThrownBy(channel::flush).isInstanceOf(IOException.class);
        assertThat(writes[0]).isEqualTo(1);
    }
}
