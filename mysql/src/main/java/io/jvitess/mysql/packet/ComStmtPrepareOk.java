package io.jvitess.mysql.packet;

/**
 * The first packet of a successful COM_STMT_PREPARE response (COM_STMT_PREPARE_OK). The parameter
 * definitions and then the column definitions follow as separate packets, each list ended by an
 * EOF packet unless the client set CLIENT_DEPRECATE_EOF.
 *
 * @param statementId unsigned 32-bit id the client executes and closes the statement by
 * @param columnCount result columns known at prepare time; 0 if the execution will describe them
 */
public record ComStmtPrepareOk(long statementId, int columnCount, int parameterCount, int warnings) {

    public static final int HEADER = 0x00;

    public ComStmtPrepareOk {
        if (statementId < 0 || statementId > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("statement id must be an unsigned 32-bit value: " + statementId);
        }
        if (columnCount < 0 || columnCount > 0xFFFF || parameterCount < 0 || parameterCount > 0xFFFF) {
            throw new IllegalArgumentException("column and parameter counts must fit in 16 bits: " + columnCount + ", " + parameterCount);
        }
    }

    public static ComStmtPrepareOk read(PacketReader reader) {
        int header = reader.readInt1();
        if (header != HEADER) {
            throw new MalformedPacketException(String.format("COM_STMT_PREPARE_OK starts with 0x%02x", header));
        }
        long statementId = reader.readInt4();
        int columns = reader.readInt2();
        int parameters = reader.readInt2();
        reader.skip(1);
        int warnings = reader.hasRemaining() ? reader.readInt2() : 0;
        return new ComStmtPrepareOk(statementId, columns, parameters, warnings);
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(HEADER);
        writer.writeInt4(statementId);
        writer.writeInt2(columnCount);
        writer.writeInt2(parameterCount);
        writer.writeInt1(0);
        writer.writeInt2(Math.min(warnings, 0xFFFF));
    }
}
