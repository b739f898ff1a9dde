package io.jvitess.mysql.server;

import io.jvitess.mysql.packet.BinaryRow;
import io.jvitess.mysql.packet.ColumnCount;
import io.jvitess.mysql.packet.ColumnDefinition41;
import io.jvitess.mysql.packet.ComStmtPrepareOk;
import io.jvitess.mysql.packet.EofPacket;
import io.jvitess.mysql.packet.ErrPacket;
import io.jvitess.mysql.packet.OkPacket;
import io.jvitess.mysql.packet.PacketWriter;
import io.jvitess.mysql.packet.TextRow;
import io.jvitess.mysql.protocol.CapabilityFlags;
import io.jvitess.mysql.protocol.CharacterSets;
import io.jvitess.mysql.protocol.PacketChannel;
import io.jvitess.mysql.protocol.TypeMapping;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The packet codec on the server's sending side: encodes responses (OK, ERR, result sets, field
 * lists) for one connection's negotiated capabilities and hands them to the framing layer.
 * Nothing reaches the client until {@link #flush()}.
 */
final class ResponseWriter {

    /** How a prepared statement's parameters are described: untyped binary strings, as Vitess does. */
    private static final ColumnDefinition41 PARAMETER_DEFINITION = ColumnDefinition41.fromField(
            Field.newBuilder().setName("?").setType(Type.VARBINARY).setCharset(CharacterSets.BINARY).build());

    private final PacketChannel channel;
    private final boolean deprecateEof;

    ResponseWriter(PacketChannel channel, int capabilities) {
        this.channel = requireNonNull(channel, "channel is null");
        this.deprecateEof = CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_DEPRECATE_EOF);
    }

    void writeOk(long affectedRows, long lastInsertId, int statusFlags, int warnings, String info) throws IOException {
        write(OkPacket.of(affectedRows, lastInsertId, statusFlags, warnings, info)::write);
    }

    void writeError(ErrPacket error) throws IOException {
        write(error::write);
    }

    /** Ends a list of column definitions or rows: EOF, or the 0xFE OK under CLIENT_DEPRECATE_EOF. */
    void writeEndOfRows(int statusFlags, int warnings) throws IOException {
        if (deprecateEof) {
            write(OkPacket.endOfResultSet(statusFlags, warnings)::write);
        } else {
            write(new EofPacket(warnings, statusFlags)::write);
        }
    }

    /**
     * One statement's result: an OK packet when it has no fields, else a text result set.
     *
     * @throws IllegalArgumentException a row does not fit the fields; checked before anything is written
     */
    void writeResult(QueryResult result, int statusFlags, int warnings) throws IOException {
        if (result.getFieldsCount() == 0) {
            writeOk(result.getRowsAffected(), result.getInsertId(), statusFlags, warnings, result.getInfo());
            return;
        }
        int columns = result.getFieldsCount();
        validateRows(result.getRowsList(), columns);
        write(new ColumnCount(columns)::write);
        for (Field field : result.getFieldsList()) {
            write(ColumnDefinition41.fromField(field)::write);
        }
        writeEndOfDefinitions(statusFlags, warnings);
        for (Row row : result.getRowsList()) {
            TextRow textRow = new TextRow(row);
            write(writer -> textRow.write(writer, columns));
        }
        writeEndOfRows(statusFlags, warnings);
    }

    /**
     * The COM_STMT_PREPARE response: COM_STMT_PREPARE_OK, a definition per parameter, then the
     * result columns if known; each list ends with EOF unless CLIENT_DEPRECATE_EOF.
     */
    void writePrepareOk(long statementId, int parameterCount, List<Field> columns, int statusFlags, int warnings) throws IOException {
        write(new ComStmtPrepareOk(statementId, columns.size(), parameterCount, warnings)::write);
        if (parameterCount > 0) {
            for (int parameter = 0; parameter < parameterCount; parameter++) {
                write(PARAMETER_DEFINITION::write);
            }
            writeEndOfDefinitions(statusFlags, warnings);
        }
        if (!columns.isEmpty()) {
            for (Field column : columns) {
                write(ColumnDefinition41.fromField(column)::write);
            }
            writeEndOfDefinitions(statusFlags, warnings);
        }
    }

    /**
     * A COM_STMT_EXECUTE result: an OK packet when it has no fields, else a binary result set
     * (rows in the binary encoding of each column's type).
     *
     * @throws IllegalArgumentException a row does not fit the fields or a value is not of its
     *                                  column's type; checked before anything is written
     */
    void writeBinaryResult(QueryResult result, int statusFlags, int warnings) throws IOException {
        if (result.getFieldsCount() == 0) {
            writeOk(result.getRowsAffected(), result.getInsertId(), statusFlags, warnings, result.getInfo());
            return;
        }
        List<Field> fields = result.getFieldsList();
        int[] columnTypes = new int[fields.size()];
        for (int column = 0; column < columnTypes.length; column++) {
            columnTypes[column] = TypeMapping.toMysql(fields.get(column).getType()).columnType();
        }
        // Encode every row first: a value that does not fit its type must become an ERR, not half a result set.
        List<PacketWriter> rows = new ArrayList<>(result.getRowsCount());
        for (Row row : result.getRowsList()) {
            PacketWriter packet = new PacketWriter();
            new BinaryRow(row).write(packet, columnTypes);
            rows.add(packet);
        }
        write(new ColumnCount(fields.size())::write);
        for (Field field : fields) {
            write(ColumnDefinition41.fromField(field)::write);
        }
        writeEndOfDefinitions(statusFlags, warnings);
        for (PacketWriter row : rows) {
            channel.writePacket(row.buffer(), 0, row.length());
        }
        writeEndOfRows(statusFlags, warnings);
    }

    /** The COM_FIELD_LIST response: column definitions with defaults, then the end marker. */
    void writeFieldList(List<Field> fields, int statusFlags, int warnings) throws IOException {
        for (Field field : fields) {
            write(ColumnDefinition41.fromField(field)::writeForFieldList);
        }
        writeEndOfRows(statusFlags, warnings);
    }

    /** Column definitions end with an EOF packet, or with nothing under CLIENT_DEPRECATE_EOF. */
    private void writeEndOfDefinitions(int statusFlags, int warnings) throws IOException {
        if (!deprecateEof) {
            write(new EofPacket(warnings, statusFlags)::write);
        }
    }

    /** A packet with no structure, e.g. the COM_STATISTICS text. */
    void writeRaw(byte[] payload) throws IOException {
        channel.writePacket(payload);
    }

    void flush() throws IOException {
        channel.flush();
    }

    private void write(Consumer<PacketWriter> encoder) throws IOException {
        PacketWriter writer = new PacketWriter();
        encoder.accept(writer);
        channel.writePacket(writer.buffer(), 0, writer.length());
    }

    private static void validateRows(List<Row> rows, int columns) {
        for (int index = 0; index < rows.size(); index++) {
            Row row = rows.get(index);
            if (row.getLengthsCount() != columns) {
                throw new IllegalArgumentException("row " + index + " has " + row.getLengthsCount() + " values for " + columns + " fields");
            }
            long total = 0;
            for (long length : row.getLengthsList()) {
                if (length < -1) {
                    throw new IllegalArgumentException("row " + index + " has a value of negative length " + length);
                }
                total += Math.max(length, 0);
            }
            if (total != row.getValues().size()) {
                throw new IllegalArgumentException("row " + index + " lengths add up to " + total + " bytes but it holds " + row.getValues().size());
            }
        }
    }
}
