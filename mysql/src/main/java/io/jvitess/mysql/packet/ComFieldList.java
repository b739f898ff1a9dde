package io.jvitess.mysql.packet;

import io.jvitess.mysql.protocol.CommandCode;

import static java.util.Objects.requireNonNull;

/** COM_FIELD_LIST: the column definitions of a table, optionally filtered by a LIKE wildcard. */
public record ComFieldList(String table, String wildcard) {

    public ComFieldList {
        requireNonNull(table, "table is null");
        requireNonNull(wildcard, "wildcard is null");
    }

    public static ComFieldList read(PacketReader reader) {
        Commands.expect(reader, CommandCode.COM_FIELD_LIST);
        String table = reader.readNulString();
        return new ComFieldList(table, reader.readEofString());
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(CommandCode.COM_FIELD_LIST);
        writer.writeNulString(table);
        writer.writeEofString(wildcard);
    }
}
