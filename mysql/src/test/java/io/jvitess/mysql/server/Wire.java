package io.jvitess.mysql.server;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-rolled framing for tests, written independently of PacketChannel so each checks the other.
 * Only single-frame packets (under 16 MiB).
 */
final class Wire {

    record Frame(int sequence, byte[] payload) {

        int firstByte() {
            return payload.length == 0 ? -1 : payload[0] & 0xFF;
        }
    }

    private Wire() {
    }

    static byte[] frame(int sequence, byte[] payload) {
        if (payload.length >= 0xFFFFFF) {
            throw new IllegalArgumentException("single frames only");
        }
        byte[] framed = new byte[payload.length + 4];
        framed[0] = (byte) payload.length;
        framed[1] = (byte) (payload.length >>> 8);
        framed[2] = (byte) (payload.length >>> 16);
        framed[3] = (byte) sequence;
        System.arraycopy(payload, 0, framed, 4, payload.length);
        return framed;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static List<Frame> frames(byte[] stream) {
        List<Frame> frames = new ArrayList<>();
        int position = 0;
        while (position < stream.length) {
            int length = (stream[position] & 0xFF) | (stream[position + 1] & 0xFF) << 8 | (stream[position + 2] & 0xFF) << 16;
            int sequence = stream[position + 3] & 0xFF;
            frames.add(new Frame(sequence, Arrays.copyOfRange(stream, position + 4, position + 4 + length)));
            position += 4 + length;
        }
        return frames;
    }
}
