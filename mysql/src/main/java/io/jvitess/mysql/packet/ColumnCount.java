package io.jvitess.mysql.packet;

/** The first packet of a text result set: how many column definitions follow. */
public record ColumnCount(int count) {

    public ColumnCount {
        if (count <= 0) {
            throw new IllegalArgumentException("a result set has at least one column: " + count);
        }
    }

    public static ColumnCount read(PacketReader reader) {
        long count = reader.readLenencInt();
        if (count <= 0 || count > Integer.MAX_VALUE) {
            throw new MalformedPacketException("bad column count " + count);
        }
        return new ColumnCount((int) count);
    }

    public void write(PacketWriter writer) {
        writer.writeLenencInt(count);
    }
}
