package io.jvitess.mysql.packet;

/** End of column definitions or rows for clients without CLIENT_DEPRECATE_EOF (Protocol::EOF_Packet). */
public record EofPacket(int warnings, int statusFlags) {

    public static final int HEADER = 0xFE;

    public static EofPacket read(PacketReader reader) {
        int header = reader.readInt1();
        if (header != HEADER) {
            throw new MalformedPacketException(String.format("EOF packet starts with 0x%02x", header));
        }
        int warnings = reader.readInt2();
        return new EofPacket(warnings, reader.readInt2());
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(HEADER);
        writer.writeInt2(Math.min(warnings, 0xFFFF));
        writer.writeInt2(statusFlags);
    }
}
