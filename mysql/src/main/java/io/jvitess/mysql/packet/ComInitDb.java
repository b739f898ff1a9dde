package io.jvitess.mysql.packet;

import io.jvitess.mysql.protocol.CommandCode;

import static java.util.Objects.requireNonNull;

/** COM_INIT_DB: change the default schema ({@code USE schema}). */
public record ComInitDb(String schema) {

    public ComInitDb {
        requireNonNull(schema, "schema is null");
    }

    public static ComInitDb read(PacketReader reader) {
        Commands.expect(reader, CommandCode.COM_INIT_DB);
        return new ComInitDb(reader.readEofString());
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(CommandCode.COM_INIT_DB);
        writer.writeEofString(schema);
    }
}
