package io.jvitess.mysql.protocol;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The framing layer: turns a byte stream into MySQL packet payloads and back. Each frame is a
 * 3-byte little-endian length, a 1-byte sequence id and the payload; payloads of 0xFFFFFF bytes or
 * more are split into maximal frames followed by a shorter (possibly empty) one.
 *
 * <p>Not thread-safe: one connection thread owns it. Writes are buffered until {@link #flush()}.
 */
public final class PacketChannel {

    /** The largest frame payload; a frame this size means "more frames follow". */
    public static final int MAX_FRAME_PAYLOAD = 0xFFFFFF;

    private static final Logger log = LoggerFactory.getLogger(PacketChannel.class);
    private static final int HEADER_SIZE = 4;

    private final InputStream in;
    private final OutputStream out;
    private final int maxPacketSize;
    private final byte[] header = new byte[HEADER_SIZE];
    private int sequence;
    private IOException writeFailure;

    /**
     * @param in            buffered input; the channel reads headers a few bytes at a time
     * @param out           buffered output; flushed by {@link #flush()}
     * @param maxPacketSize the largest payload accepted from the peer; larger ones are drained and rejected
     */
    public PacketChannel(InputStream in, OutputStream out, int maxPacketSize) {
        this.in = requireNonNull(in, "in is null");
        this.out = requireNonNull(out, "out is null");
        if (maxPacketSize <= 0) {
            throw new IllegalArgumentException("maxPacketSize must be positive: " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
    }

    /** The largest payload accepted from the peer (max_allowed_packet). */
    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** Starts a new exchange (every client command starts at sequence id 0). */
    public void resetSequence() {
        sequence = 0;
    }

    /** The sequence id the next frame read or written is expected to carry. */
    public int sequence() {
        return sequence;
    }

    /**
     * Reads one logical packet, reassembling split frames.
     *
     * @return the payload, or {@code null} if the peer closed the stream cleanly before a new packet
     * @throws PacketTooLargeException the payload exceeded the maximum; it has been drained from the stream
     * @throws EOFException            the stream ended inside a packet
     */
    public byte[] readPacket() throws IOException, PacketTooLargeException {
        int frameLength = readHeader(true);
        if (frameLength < 0) {
            return null;
        }
        if (frameLength > maxPacketSize) {
            throw drain(frameLength);
        }
        byte[] first = readFully(frameLength);
        if (frameLength < MAX_FRAME_PAYLOAD) {
            return first;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        long total = frameLength;
        while (frameLength == MAX_FRAME_PAYLOAD) {
            frameLength = readHeader(false);
            if (total + frameLength > maxPacketSize) {
                throw drain(total + frameLength);
            }
            frames.add(readFully(frameLength));
            total += frameLength;
        }
        byte[] payload = new byte[Math.toIntExact(total)];
        int offset = 0;
        for (byte[] frame : frames) {
            System.arraycopy(frame, 0, payload, offset, frame.length);
            offset += frame.length;
        }
        return payload;
    }

    /** Writes one logical packet (buffered), splitting it into frames as needed. */
    public void writePacket(byte[] payload) throws IOException {
        writePacket(payload, 0, payload.length);
    }

    public void writePacket(byte[] payload, int offset, int length) throws IOException {
        requireNonNull(payload, "payload is null");
        ensureWritable();
        try {
            int position = offset;
            int remaining = length;
            while (true) {
                int frameLength = Math.min(remaining, MAX_FRAME_PAYLOAD);
                header[0] = (byte) frameLength;
                header[1] = (byte) (frameLength >>> 8);
                header[2] = (byte) (frameLength >>> 16);
                header[3] = (byte) sequence;
                sequence = (sequence + 1) & 0xFF;
                out.write(header, 0, HEADER_SIZE);
                out.write(payload, position, frameLength);
                position += frameLength;
                remaining -= frameLength;
                if (frameLength < MAX_FRAME_PAYLOAD) {
                    return;
                }
            }
        } catch (IOException e) {
            writeFailure = e;
            throw e;
        }
    }

    public void flush() throws IOException {
        ensureWritable();
        try {
            out.flush();
        } catch (IOException e) {
            writeFailure = e;
            throw e;
        }
    }

    /** True once a write failed: the peer is gone and every later write fails fast. */
    public boolean isBroken() {
        return writeFailure != null;
    }

    private void ensureWritable() throws IOException {
        if (writeFailure != null) {
            throw new IOException("connection already failed: " + writeFailure.getMessage(), writeFailure);
        }
    }

    /** Returns the frame length, or -1 on a clean end of stream when {@code endAllowed}. */
    private int readHeader(boolean endAllowed) throws IOException {
        int read = in.readNBytes(header, 0, HEADER_SIZE);
        if (read == 0 && endAllowed) {
            return -1;
        }
        if (read < HEADER_SIZE) {
            throw new EOFException("stream ended inside a packet header");
        }
        int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        int received = header[3] & 0xFF;
        if (received != sequence) {
            // Harmless for a server: follow the client's numbering so our replies match what it expects.
            log.debug("packet sequence id {} where {} was expected; continuing from the client's", received, sequence);
        }
        sequence = (received + 1) & 0xFF;
        return length;
    }

    private byte[] readFully(int length) throws IOException {
        byte[] data = new byte[length];
        int read = in.readNBytes(data, 0, length);
        if (read < length) {
            throw new EOFException("stream ended inside a packet: got " + read + " of " + length + " bytes");
        }
        return data;
    }

    /**
     * Skips the rest of an oversized packet whose current frame has {@code frameLength} unread bytes,
     * so the next read starts at a packet boundary. Nothing is buffered.
     */
    private PacketTooLargeException drain(long sizeSoFar) throws IOException {
        // sizeSoFar includes the current frame, whose length is the header just read.
        int frameLength = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        long total = sizeSoFar;
        in.skipNBytes(frameLength);
        while (frameLength == MAX_FRAME_PAYLOAD) {
            frameLength = readHeader(false);
            total += frameLength;
            in.skipNBytes(frameLength);
        }
        return new PacketTooLargeException(total, maxPacketSize);
    }
}
