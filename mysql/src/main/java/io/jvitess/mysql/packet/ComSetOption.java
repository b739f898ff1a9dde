package io.jvitess.mysql.packet;

import io.jvitess.mysql.protocol.CommandCode;

/** COM_SET_OPTION: turn multi-statement support on ({@link #MULTI_STATEMENTS_ON}) or off. */
public record ComSetOption(int option) {

    public static final int MULTI_STATEMENTS_ON = 0;
    public static final int MULTI_STATEMENTS_OFF = 1;

    public static ComSetOption read(PacketReader reader) {
        Commands.expect(reader, CommandCode.COM_SET_OPTION);
        return new ComSetOption(reader.readInt2());
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(CommandCode.COM_SET_OPTION);
        writer.writeInt2(option);
    }
}
