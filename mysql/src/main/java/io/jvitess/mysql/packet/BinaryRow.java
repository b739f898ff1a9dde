package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.mysql.protocol.ColumnFlags;
import io.jvitess.proto.query.Row;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One row of a binary result set (ProtocolBinary::ResultsetRow), the answer to COM_STMT_EXECUTE:
 * a 0x00 header, a NULL bitmap whose bits start at offset 2, then each non-NULL value in the
 * binary encoding of its column's type. Like {@link TextRow} it wraps the Vitess {@link Row}.
 */
public record BinaryRow(Row row) {

    public static final int HEADER = 0x00;
    /** The first two bits of a result row's NULL bitmap are reserved. */
    private static final int NULL_BITMAP_OFFSET = 2;

    public BinaryRow {
        requireNonNull(row, "row is null");
    }

    /** Reads a row of the given columns into MySQL's text form, as Vitess holds rows. */
    public static BinaryRow read(PacketReader reader, List<ColumnDefinition41> columns) {
        int header = reader.readInt1();
        if (header != HEADER) {
            throw new MalformedPacketException(String.format("binary row starts with 0x%02x", header));
        }
        byte[] nullBitmap = reader.readFixedBytes(nullBitmapLength(columns.size()));
        Row.Builder row = Row.newBuilder();
        ByteString.Output values = ByteString.newOutput();
        for (int column = 0; column < columns.size(); column++) {
            if (isNull(nullBitmap, column)) {
                row.addLengths(-1);
                continue;
            }
            ColumnDefinition41 definition = columns.get(column);
            SqlValue value = BinaryValues.read(reader, definition.columnType(), (definition.flags() & ColumnFlags.UNSIGNED) != 0);
            byte[] raw = value.raw();
            row.addLengths(raw.length);
            values.write(raw, 0, raw.length);
        }
        if (reader.hasRemaining()) {
            throw new MalformedPacketException(reader.remaining() + " bytes left after " + columns.size() + " columns");
        }
        return new BinaryRow(row.setValues(values.toByteString()).build());
    }

    /**
     * Writes the row for columns of the given {@link io.jvitess.mysql.protocol.ColumnType}s.
     *
     * @throws IllegalArgumentException the row does not fit the columns, or a value is not of its
     *                                  column's type; the writer may then hold part of the row
     */
    public void write(PacketWriter writer, int[] columnTypes) {
        int columnCount = columnTypes.length;
        Rows.validate(row, columnCount);
        byte[] nullBitmap = new byte[nullBitmapLength(columnCount)];
        for (int column = 0; column < columnCount; column++) {
            if (row.getLengths(column) < 0) {
                int bit = column + NULL_BITMAP_OFFSET;
                nullBitmap[bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        writer.writeInt1(HEADER);
        writer.writeBytes(nullBitmap);
        ByteString values = row.getValues();
        int offset = 0;
        for (int column = 0; column < columnCount; column++) {
            int length = (int) row.getLengths(column);
            if (length >= 0) {
                BinaryValues.write(writer, columnTypes[column], values, offset, length);
                offset += length;
            }
        }
    }

    private static int nullBitmapLength(int columnCount) {
        return (columnCount + 7 + NULL_BITMAP_OFFSET) / 8;
    }

    private static boolean isNull(byte[] nullBitmap, int column) {
        int bit = column + NULL_BITMAP_OFFSET;
        return (nullBitmap[bit / 8] & (1 << (bit % 8))) != 0;
    }
}
