package io.jvitess.mysql.packet;

import io.jvitess.mysql.protocol.CommandCode;

import static java.util.Objects.requireNonNull;

/** COM_STMT_PREPARE: prepare one statement whose {@code ?} placeholders are bound at each execution. */
public record ComStmtPrepare(String sql) {

    public ComStmtPrepare {
        requireNonNull(sql, "sql is null");
    }

    public static ComStmtPrepare read(PacketReader reader) {
        Commands.expect(reader, CommandCode.COM_STMT_PREPARE);
        return new ComStmtPrepare(reader.readEofString());
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(CommandCode.COM_STMT_PREPARE);
        writer.writeEofString(sql);
    }
}
