package io.jvitess.mysql.packet;

import static java.util.Objects.requireNonNull;

/**
 * Success of a command (Protocol::OK_Packet). With CLIENT_DEPRECATE_EOF the same layout, headed by
 * 0xFE, also ends a result set. A non-empty {@code info} (e.g. "Rows matched: 1 Changed: 1") is
 * length-encoded: the protocol documentation says "rest of packet" without session tracking, but
 * MySQL servers write it length-encoded and libmysqlclient/libmariadb read it that way.
 *
 * @param header        {@link #HEADER} or {@link #EOF_HEADER}
 * @param affectedRows  unsigned
 * @param lastInsertId  unsigned
 */
public record OkPacket(int header, long affectedRows, long lastInsertId, int statusFlags, int warnings, String info) {

    public static final int HEADER = 0x00;
    /** The header of an OK packet that stands in for an EOF packet. */
    public static final int EOF_HEADER = 0xFE;

    public OkPacket {
        if (header != HEADER && header != EOF_HEADER) {
            throw new IllegalArgumentException(String.format("OK packet header must be 0x00 or 0xFE: 0x%02x", header));
        }
        requireNonNull(info, "info is null");
    }

    public static OkPacket of(long affectedRows, long lastInsertId, int statusFlags, int warnings, String info) {
        return new OkPacket(HEADER, affectedRows, lastInsertId, statusFlags, warnings, info);
    }

    /** The result-set terminator used instead of EOF when the client set CLIENT_DEPRECATE_EOF. */
    public static OkPacket endOfResultSet(int statusFlags, int warnings) {
        return new OkPacket(EOF_HEADER, 0, 0, statusFlags, warnings, "");
    }

    public static OkPacket read(PacketReader reader) {
        int header = reader.readInt1();
        if (header != HEADER && header != EOF_HEADER) {
            throw new MalformedPacketException(String.format("OK packet starts with 0x%02x", header));
        }
        long affectedRows = reader.readLenencInt();
        long lastInsertId = reader.readLenencInt();
        int status = reader.readInt2();
        int warnings = reader.readInt2();
        String info = reader.hasRemaining() ? reader.readLenencString() : "";
        return new OkPacket(header, affectedRows, lastInsertId, status, warnings, info);
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(header);
        writer.writeLenencInt(affectedRows);
        writer.writeLenencInt(lastInsertId);
        writer.writeInt2(statusFlags);
        writer.writeInt2(Math.min(warnings, 0xFFFF));
        if (!info.isEmpty()) {
            writer.writeLenencString(info);
        }
    }
}
