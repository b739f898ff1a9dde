package io.jvitess.mysql.packet;

import io.jvitess.mysql.protocol.CommandCode;

/** COM_STMT_RESET: drop the long data sent for a prepared statement; answered with OK. */
public record ComStmtReset(long statementId) {

    public static ComStmtReset read(PacketReader reader) {
        Commands.expect(reader, CommandCode.COM_STMT_RESET);
        return new ComStmtReset(reader.readInt4());
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(CommandCode.COM_STMT_RESET);
        writer.writeInt4(statementId);
    }
}
