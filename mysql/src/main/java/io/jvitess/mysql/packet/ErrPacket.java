package io.jvitess.mysql.packet;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtException;

import static java.util.Objects.requireNonNull;

/** A failed command (Protocol::ERR_Packet): errno, SQLSTATE and message. */
public record ErrPacket(int errno, String sqlState, String message) {

    public static final int HEADER = 0xFF;

    public ErrPacket {
        requireNonNull(sqlState, "sqlState is null");
        requireNonNull(message, "message is null");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("sqlState must have 5 characters: " + sqlState);
        }
    }

    public static ErrPacket of(SqlState state, String message) {
        return new ErrPacket(state.errno(), state.sqlState(), message);
    }

    public static ErrPacket of(VtException error) {
        return of(error.sqlState(), error.getMessage());
    }

    public static ErrPacket read(PacketReader reader) {
        int header = reader.readInt1();
        if (header != HEADER) {
            throw new MalformedPacketException(String.format("ERR packet starts with 0x%02x", header));
        }
        int errno = reader.readInt2();
        String state = "HY000";
        if (reader.hasRemaining() && reader.peekInt1() == '#') {
            reader.skip(1);
            state = reader.readFixedString(5);
        }
        return new ErrPacket(errno, state, reader.readEofString());
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(HEADER);
        writer.writeInt2(errno);
        writer.writeInt1('#');
        writer.writeFixedString(sqlState);
        writer.writeEofString(message);
    }
}
