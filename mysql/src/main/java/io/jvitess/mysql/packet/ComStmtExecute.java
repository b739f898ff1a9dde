package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.mysql.protocol.CommandCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * COM_STMT_EXECUTE: run a prepared statement with parameter values. After the statement id, cursor
 * flags and iteration count (always 1) come, if the statement has parameters, a NULL bitmap, the
 * new-params-bound flag, the parameter types when that flag is 1 (otherwise the types of the
 * previous execution apply), and each non-NULL value in the binary encoding of its type.
 * Reading therefore needs the statement: see {@link #readStatementId} and {@link #read}.
 *
 * @param types      the types the values were decoded with (sent now, or bound earlier)
 * @param parameters one per parameter; SQL NULL is {@link SqlValue#NULL}
 */
public record ComStmtExecute(long statementId, int flags, long iterationCount, boolean newParametersBound,
                             List<ParameterType> types, List<SqlValue> parameters) {

    /** {@code flags} without a cursor: results are sent in full. */
    public static final int CURSOR_TYPE_NO_CURSOR = 0;

    public ComStmtExecute {
        types = List.copyOf(types);
        parameters = List.copyOf(parameters);
        if (types.size() != parameters.size()) {
            throw new IllegalArgumentException(types.size() + " types for " + parameters.size() + " parameters");
        }
    }

    /** The statement id, read first: the rest of the packet can only be decoded knowing the statement. */
    public static long readStatementId(byte[] payload) {
        PacketReader reader = new PacketReader(payload);
        Commands.expect(reader, CommandCode.COM_STMT_EXECUTE);
        return reader.readInt4();
    }

    /**
     * @param parameterCount the statement's number of parameters
     * @param boundTypes     the types the previous execution sent, empty before the first
     * @param longData       values sent with COM_STMT_SEND_LONG_DATA by parameter index; those
     *                       parameters have no bytes in this packet
     * @throws MalformedPacketException the packet is cut short, or names no types and none were bound before
     */
    public static ComStmtExecute read(PacketReader reader, int parameterCount, List<ParameterType> boundTypes,
                                      Map<Integer, ByteString> longData) {
        Commands.expect(reader, CommandCode.COM_STMT_EXECUTE);
        long statementId = reader.readInt4();
        int flags = reader.readInt1();
        long iterationCount = reader.readInt4();
        if (parameterCount == 0) {
            return new ComStmtExecute(statementId, flags, iterationCount, false, List.of(), List.of());
        }
        byte[] nullBitmap = reader.readFixedBytes((parameterCount + 7) / 8);
        boolean newParametersBound = reader.readInt1() == 1;
        List<ParameterType> types;
        if (newParametersBound) {
            types = new ArrayList<>(parameterCount);
            for (int index = 0; index < parameterCount; index++) {
                types.add(ParameterType.read(reader));
            }
        } else if (boundTypes.size() == parameterCount) {
            types = boundTypes;
        } else {
            throw new MalformedPacketException("COM_STMT_EXECUTE sent no parameter types and none were bound before");
        }
        List<SqlValue> parameters = new ArrayList<>(parameterCount);
        for (int index = 0; index < parameterCount; index++) {
            ParameterType type = types.get(index);
            ByteString chunks = longData.get(index);
            if ((nullBitmap[index / 8] & (1 << (index % 8))) != 0) {
                parameters.add(SqlValue.NULL);
            } else if (chunks != null) {
                parameters.add(BinaryValues.fromLongData(type.columnType(), chunks.toByteArray()));
            } else {
                parameters.add(BinaryValues.read(reader, type.columnType(), type.unsigned()));
            }
        }
        return new ComStmtExecute(statementId, flags, iterationCount, newParametersBound, types, parameters);
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(CommandCode.COM_STMT_EXECUTE);
        writer.writeInt4(statementId);
        writer.writeInt1(flags);
        writer.writeInt4(iterationCount);
        if (parameters.isEmpty()) {
            return;
        }
        byte[] nullBitmap = new byte[(parameters.size() + 7) / 8];
        for (int index = 0; index < parameters.size(); index++) {
            if (parameters.get(index).isNull()) {
                nullBitmap[index / 8] |= (byte) (1 << (index % 8));
            }
        }
        writer.writeBytes(nullBitmap);
        writer.writeInt1(newParametersBound ? 1 : 0);
        if (newParametersBound) {
            types.forEach(type -> type.write(writer));
        }
        for (int index = 0; index < parameters.size(); index++) {
            SqlValue value = parameters.get(index);
            if (!value.isNull()) {
                BinaryValues.write(writer, types.get(index).columnType(), value);
            }
        }
    }
}
