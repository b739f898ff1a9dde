package io.jvitess.mysql.packet;

import io.jvitess.mysql.protocol.CommandCode;

/** COM_STMT_CLOSE: free a prepared statement. The server sends no reply. */
public record ComStmtClose(long statementId) {

    public static ComStmtClose read(PacketReader reader) {
        Commands.expect(reader, CommandCode.COM_STMT_CLOSE);
        return new ComStmtClose(reader.readInt4());
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(CommandCode.COM_STMT_CLOSE);
        writer.writeInt4(statementId);
    }
}
