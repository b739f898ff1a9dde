package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Builds one packet payload from MySQL protocol types (little-endian integers, length-encoded
 * values, NUL-terminated strings). Strings are encoded as UTF-8. The framing layer sends the
 * result via {@link #buffer()} and {@link #length()} without copying.
 */
public final class PacketWriter {

    private byte[] buffer;
    private int length;

    public PacketWriter() {
        this(64);
    }

    public PacketWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** The backing array; only the first {@link #length()} bytes are the payload. */
    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    public PacketWriter writeInt1(int value) {
        ensureCapacity(1);
        buffer[length++] = (byte) value;
        return this;
    }

    public PacketWriter writeInt2(int value) {
        ensureCapacity(2);
        buffer[length++] = (byte) value;
        buffer[length++] = (byte) (value >>> 8);
        return this;
    }

    public PacketWriter writeInt3(int value) {
        ensureCapacity(3);
        buffer[length++] = (byte) value;
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) (value >>> 16);
        return this;
    }

    public PacketWriter writeInt4(long value) {
        ensureCapacity(4);
        for (int i = 0; i < 4; i++) {
            buffer[length++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public PacketWriter writeInt8(long value) {
        ensureCapacity(8);
        for (int i = 0; i < 8; i++) {
            buffer[length++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** A length-encoded integer; negative values are written as their unsigned 64-bit form. */
    public PacketWriter writeLenencInt(long value) {
        if (value >= 0 && value < 0xFB) {
            return writeInt1((int) value);
        }
        if (value >= 0 && value < 1 << 16) {
            return writeInt1(0xFC).writeInt2((int) value);
        }
        if (value >= 0 && value < 1 << 24) {
            return writeInt1(0xFD).writeInt3((int) value);
        }
        return writeInt1(0xFE).writeInt8(value);
    }

    public PacketWriter writeLenencString(String value) {
        return writeLenencBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public PacketWriter writeLenencBytes(byte[] value) {
        writeLenencInt(value.length);
        return writeBytes(value);
    }

    /** Length-encoded bytes taken from {@code length} bytes of {@code source} at {@code offset}. */
    public PacketWriter writeLenencBytes(ByteString source, int offset, int length) {
        writeLenencInt(length);
        ensureCapacity(length);
        // substring is a view, not a copy
        source.substring(offset, offset + length).copyTo(buffer, this.length);
        this.length += length;
        return this;
    }

    /** The NULL marker of a text row column. */
    public PacketWriter writeNull() {
        return writeInt1(0xFB);
    }

    public PacketWriter writeNulString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException("NUL-terminated string contains a NUL byte");
            }
        }
        writeBytes(bytes);
        return writeInt1(0);
    }

    public PacketWriter writeFixedString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A string that runs to the end of the packet. */
    public PacketWriter writeEofString(String value) {
        return writeFixedString(value);
    }

    public PacketWriter writeBytes(byte[] value) {
        return writeBytes(value, 0, value.length);
    }

    public PacketWriter writeBytes(byte[] value, int offset, int count) {
        requireNonNull(value, "value is null");
        ensureCapacity(count);
        System.arraycopy(value, offset, buffer, length, count);
        length += count;
        return this;
    }

    public PacketWriter writeZeros(int count) {
        ensureCapacity(count);
        length += count; // the buffer is zeroed on allocation and never reused
        return this;
    }

    private void ensureCapacity(int extra) {
        long needed = (long) length + extra;
        if (needed > buffer.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("packet payload would exceed 2 GiB");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min((long) buffer.length * 2, Integer.MAX_VALUE - 8)));
        }
    }
}
