package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import io.jvitess.mysql.protocol.CommandCode;

import static java.util.Objects.requireNonNull;

/**
 * COM_STMT_SEND_LONG_DATA: one chunk of a parameter's value, appended to what earlier chunks sent;
 * the next COM_STMT_EXECUTE uses the whole and leaves that parameter out of its own payload.
 * The server sends no reply.
 */
public record ComStmtSendLongData(long statementId, int parameterId, ByteString data) {

    public ComStmtSendLongData {
        requireNonNull(data, "data is null");
    }

    public static ComStmtSendLongData read(PacketReader reader) {
        Commands.expect(reader, CommandCode.COM_STMT_SEND_LONG_DATA);
        long statementId = reader.readInt4();
        int parameterId = reader.readInt2();
        return new ComStmtSendLongData(statementId, parameterId, ByteString.copyFrom(reader.readEofBytes()));
    }

    public void write(PacketWriter writer) {
        writer.writeInt1(CommandCode.COM_STMT_SEND_LONG_DATA);
        writer.writeInt4(statementId);
        writer.writeInt2(parameterId);
        writer.writeBytes(data.toByteArray());
    }
}
