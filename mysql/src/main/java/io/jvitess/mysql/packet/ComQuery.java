package io.jvitess.mysql.packet;

import io.jvitess.mysql.protocol.CommandCode;

import static java.util.Objects.requireNonNull;

/** COM_QUERY: run SQL text (possibly several statements). */
public record ComQuery(String sql) {

    public ComQuery {
        requireNonNull(sql, "sql is null");
    }

    public static ComQuery read(PacketReader reader) {
        Commands.expect(reader, CommandCode.COM_QUERY);
        return new ComQuery(reader.readEofString());
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(CommandCode.COM_QUERY);
        writer.writeEofString(sql);
    }
}
