package io.jvitess.mysql.packet;

/**
 * The type of one prepared statement parameter as COM_STMT_EXECUTE declares it: a
 * {@link io.jvitess.mysql.protocol.ColumnType} code and a flag byte whose top bit marks unsigned integers.
 */
public record ParameterType(int columnType, boolean unsigned) {

    private static final int UNSIGNED_FLAG = 0x80;

    public ParameterType {
        if (columnType < 0 || columnType > 0xFF) {
            throw new IllegalArgumentException("column type must fit in a byte: " + columnType);
        }
    }

    public static ParameterType read(PacketReader reader) {
        int columnType = reader.readInt1();
        int flags = reader.readInt1();
        return new ParameterType(columnType, (flags & UNSIGNED_FLAG) != 0);
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(columnType);
        writer.writeInt1(unsigned ? UNSIGNED_FLAG : 0);
    }
}
