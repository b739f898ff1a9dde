package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.mysql.protocol.ColumnType;
import io.jvitess.proto.query.Type;

import java.nio.charset.StandardCharsets;

/**
 * Values in the binary protocol (ProtocolBinary::*), as prepared statement parameters and binary
 * result rows carry them: fixed-width little-endian integers, IEEE floats, length-prefixed
 * date and time structures, and length-encoded strings for everything else (DECIMAL included).
 * Vitess keeps values in MySQL's text form, so reading produces that form and writing parses it.
 */
public final class BinaryValues {

    private BinaryValues() {
    }

    /**
     * Reads one value of {@code columnType}. Text types come back as VARCHAR and binary ones
     * (BLOB, BIT, GEOMETRY) as VARBINARY, which is how MySQL treats such parameters: a string in
     * the connection's character set, or a binary string.
     *
     * @throws MalformedPacketException the type is unknown or the value does not fit its encoding
     */
    public static SqlValue read(PacketReader reader, int columnType, boolean unsigned) {
        return switch (columnType) {
            case ColumnType.NULL -> SqlValue.NULL;
            case ColumnType.TINY -> unsigned ? integer(Type.UINT8, reader.readInt1()) : integer(Type.INT8, (byte) reader.readInt1());
            case ColumnType.SHORT -> unsigned ? integer(Type.UINT16, reader.readInt2()) : integer(Type.INT16, (short) reader.readInt2());
            case ColumnType.YEAR -> integer(Type.YEAR, reader.readInt2());
            case ColumnType.INT24 -> unsigned ? integer(Type.UINT24, reader.readInt4()) : integer(Type.INT24, (int) reader.readInt4());
            case ColumnType.LONG -> unsigned ? integer(Type.UINT32, reader.readInt4()) : integer(Type.INT32, (int) reader.readInt4());
            case ColumnType.LONGLONG -> unsigned ? SqlValue.ofUnsignedLong(reader.readInt8()) : SqlValue.ofLong(reader.readInt8());
            case ColumnType.FLOAT -> SqlValue.of(Type.FLOAT32, Float.toString(Float.intBitsToFloat((int) reader.readInt4())));
            case ColumnType.DOUBLE -> SqlValue.of(Type.FLOAT64, Double.toString(Double.longBitsToDouble(reader.readInt8())));
            case ColumnType.DECIMAL, ColumnType.NEWDECIMAL -> new SqlValue(Type.DECIMAL, reader.readLenencBytes());
            case ColumnType.DATE -> BinaryTemporals.readDateTime(reader, Type.DATE);
            case ColumnType.DATETIME -> BinaryTemporals.readDateTime(reader, Type.DATETIME);
            case ColumnType.TIMESTAMP -> BinaryTemporals.readDateTime(reader, Type.TIMESTAMP);
            case ColumnType.TIME -> BinaryTemporals.readTime(reader);
            default -> textOrBinary(columnType, reader.readLenencBytes());
        };
    }

    /** A parameter whose value came in COM_STMT_SEND_LONG_DATA chunks: always a string, as MySQL takes it. */
    public static SqlValue fromLongData(int columnType, byte[] data) {
        return switch (columnType) {
            case ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.BLOB, ColumnType.GEOMETRY, ColumnType.BIT ->
                    new SqlValue(Type.VARBINARY, data);
            default -> new SqlValue(Type.VARCHAR, data);
        };
    }

    /**
     * Writes {@code length} bytes of {@code source} at {@code offset}, a value in MySQL's text form,
     * in the binary encoding of {@code columnType}.
     *
     * @throws IllegalArgumentException the text is not a value of that type
     */
    public static void write(PacketWriter writer, int columnType, ByteString source, int offset, int length) {
        switch (columnType) {
            case ColumnType.NULL -> throw new IllegalArgumentException("a column of type NULL holds a value");
            case ColumnType.TINY -> writer.writeInt1((int) integer(text(source, offset, length), Byte.MIN_VALUE, 0xFF));
            case ColumnType.SHORT, ColumnType.YEAR -> writer.writeInt2((int) integer(text(source, offset, length), Short.MIN_VALUE, 0xFFFF));
            case ColumnType.INT24, ColumnType.LONG -> writer.writeInt4(integer(text(source, offset, length), Integer.MIN_VALUE, 0xFFFFFFFFL));
            case ColumnType.LONGLONG -> writer.writeInt8(longlong(text(source, offset, length)));
            case ColumnType.FLOAT -> writer.writeInt4(Float.floatToIntBits(floatingPoint(text(source, offset, length), "FLOAT").floatValue()));
            case ColumnType.DOUBLE -> writer.writeInt8(Double.doubleToLongBits(floatingPoint(text(source, offset, length), "DOUBLE")));
            case ColumnType.DATE, ColumnType.DATETIME, ColumnType.TIMESTAMP -> BinaryTemporals.writeDateTime(writer, text(source, offset, length));
            case ColumnType.TIME -> BinaryTemporals.writeTime(writer, text(source, offset, length));
            default -> writer.writeLenencBytes(source, offset, length);
        }
    }

    /** {@link #write(PacketWriter, int, ByteString, int, int)} for a whole non-NULL value. */
    public static void write(PacketWriter writer, int columnType, SqlValue value) {
        if (value.isNull()) {
            throw new IllegalArgumentException("NULL has no binary encoding; it goes in the NULL bitmap");
        }
        ByteString bytes = ByteString.copyFrom(value.raw());
        write(writer, columnType, bytes, 0, bytes.size());
    }

    private static SqlValue integer(Type type, long value) {
        return new SqlValue(type, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    private static SqlValue textOrBinary(int columnType, byte[] value) {
        return switch (columnType) {
            case ColumnType.VARCHAR, ColumnType.VAR_STRING, ColumnType.STRING, ColumnType.ENUM, ColumnType.SET, ColumnType.JSON ->
                    new SqlValue(Type.VARCHAR, value);
            case ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.BLOB, ColumnType.GEOMETRY, ColumnType.BIT ->
                    new SqlValue(Type.VARBINARY, value);
            default -> throw new MalformedPacketException("unknown value type " + columnType);
        };
    }

    private static String text(ByteString source, int offset, int length) {
        return source.substring(offset, offset + length).toStringUtf8();
    }

    private static long integer(String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an integer", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(text + " does not fit the column's integer type");
        }
        return value;
    }

    /** BIGINT, signed or unsigned: both fit 64 bits. */
    private static long longlong(String text) {
        try {
            return text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a 64-bit integer", e);
        }
    }

    private static Double floatingPoint(String text, String typeName) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + typeName, e);
        }
    }
}
