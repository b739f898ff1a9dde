package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import io.jvitess.proto.query.Row;

import static java.util.Objects.requireNonNull;

/**
 * One row of a text result set (ProtocolText::ResultsetRow): each column a length-encoded string,
 * or 0xFB for NULL. It wraps the Vitess {@link Row} (lengths, -1 for NULL, over concatenated values)
 * so rows go from the gateway to the wire without an intermediate copy.
 */
public record TextRow(Row row) {

    private static final int NULL_MARKER = 0xFB;

    public TextRow {
        requireNonNull(row, "row is null");
    }

    /** Reads a row of {@code columnCount} columns. */
    public static TextRow read(PacketReader reader, int columnCount) {
        Row.Builder row = Row.newBuilder();
        ByteString.Output values = ByteString.newOutput();
        for (int column = 0; column < columnCount; column++) {
            if (reader.peekInt1() == NULL_MARKER) {
                reader.skip(1);
                row.addLengths(-1);
            } else {
                byte[] value = reader.readLenencBytes();
                row.addLengths(value.length);
                values.write(value, 0, value.length);
            }
        }
        if (reader.hasRemaining()) {
            throw new MalformedPacketException(reader.remaining() + " bytes left after " + columnCount + " columns");
        }
        return new TextRow(row.setValues(values.toByteString()).build());
    }

    /**
     * Writes the row for a result with {@code columnCount} columns. The row is validated first, so a
     * bad row throws before anything is written and the stream stays at a packet boundary.
     *
     * @throws IllegalArgumentException the row's lengths do not match the column count or its values
     */
    public void write(PacketWriter writer, int columnCount) {
        Rows.validate(row, columnCount);
        ByteString values = row.getValues();
        int offset = 0;
        for (int column = 0; column < columnCount; column++) {
            int length = (int) row.getLengths(column);
            if (length < 0) {
                writer.writeNull();
            } else {
                writer.writeLenencBytes(values, offset, length);
                offset += length;
            }
        }
    }
}
