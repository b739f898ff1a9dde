package io.jvitess.mysql.packet;

import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * Reads MySQL protocol types from one packet payload. Integers are little-endian; method names
 * follow the protocol documentation (int&lt;n&gt;, int&lt;lenenc&gt;, string&lt;NUL&gt;, ...).
 * Strings are decoded as UTF-8. Reading past the end throws {@link MalformedPacketException}.
 */
public final class PacketReader {

    private final byte[] payload;
    private final int end;
    private int position;

    public PacketReader(byte[] payload) {
        this(payload, 0, requireNonNull(payload, "payload is null").length);
    }

    public PacketReader(byte[] payload, int offset, int length) {
        this.payload = requireNonNull(payload, "payload is null");
        if (offset < 0 || length < 0 || offset + length > payload.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length + " of " + payload.length);
        }
        this.position = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - position;
    }

    public boolean hasRemaining() {
        return position < end;
    }

    /** The next byte without consuming it. */
    public int peekInt1() {
        require(1);
        return payload[position] & 0xFF;
    }

    public int readInt1() {
        require(1);
        return payload[position++] & 0xFF;
    }

    public int readInt2() {
        require(2);
        int value = (payload[position] & 0xFF) | (payload[position + 1] & 0xFF) << 8;
        position += 2;
        return value;
    }

    public int readInt3() {
        require(3);
        int value = (payload[position] & 0xFF) | (payload[position + 1] & 0xFF) << 8 | (payload[position + 2] & 0xFF) << 16;
        position += 3;
        return value;
    }

    /** An unsigned 32-bit value. */
    public long readInt4() {
        require(4);
        long value = (payload[position] & 0xFFL)
                | (payload[position + 1] & 0xFFL) << 8
                | (payload[position + 2] & 0xFFL) << 16
                | (payload[position + 3] & 0xFFL) << 24;
        position += 4;
        return value;
    }

    /** A 64-bit value; values above Long.MAX_VALUE come back negative (read them as unsigned). */
    public long readInt8() {
        require(8);
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (payload[position + i] & 0xFFL);
        }
        position += 8;
        return value;
    }

    /**
     * A length-encoded integer. 0xFB (NULL in rows) and 0xFF are not integers and are rejected;
     * use {@link #peekInt1()} first where NULL is allowed.
     */
    public long readLenencInt() {
        int first = readInt1();
        if (first < 0xFB) {
            return first;
        }
        return switch (first) {
            case 0xFC -> readInt2();
            case 0xFD -> readInt3();
            case 0xFE -> readInt8();
            default -> throw new MalformedPacketException(String.format("0x%02x does not start a length-encoded integer", first));
        };
    }

    public byte[] readLenencBytes() {
        return readFixedBytes(lengthToInt(readLenencInt()));
    }

    public String readLenencString() {
        return readFixedString(lengthToInt(readLenencInt()));
    }

    /** A string terminated by 0x00; a missing terminator at the end of the packet is tolerated. */
    public String readNulString() {
        return new String(readNulBytes(), StandardCharsets.UTF_8);
    }

    public byte[] readNulBytes() {
        int terminator = position;
        while (terminator < end && payload[terminator] != 0) {
            terminator++;
        }
        byte[] value = java.util.Arrays.copyOfRange(payload, position, terminator);
        position = terminator < end ? terminator + 1 : end;
        return value;
    }

    public String readFixedString(int length) {
        require(length);
        String value = new String(payload, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public byte[] readFixedBytes(int length) {
        require(length);
        byte[] value = java.util.Arrays.copyOfRange(payload, position, position + length);
        position += length;
        return value;
    }

    /** The rest of the packet as a string. */
    public String readEofString() {
        return readFixedString(remaining());
    }

    public byte[] readEofBytes() {
        return readFixedBytes(remaining());
    }

    public void skip(int length) {
        require(length);
        position += length;
    }

    private void require(int length) {
        if (length < 0 || length > end - position) {
            throw new MalformedPacketException("packet too short: need " + length + " bytes, " + (end - position) + " left");
        }
    }

    private static int lengthToInt(long length) {
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new MalformedPacketException("length " + Long.toUnsignedString(length) + " is out of range");
        }
        return (int) length;
    }
}
