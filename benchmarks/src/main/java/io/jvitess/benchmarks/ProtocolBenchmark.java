package io.jvitess.benchmarks;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.engine.ResultSet;
import io.jvitess.mysql.packet.ColumnCount;
import io.jvitess.mysql.packet.ColumnDefinition41;
import io.jvitess.mysql.packet.ComQuery;
import io.jvitess.mysql.packet.OkPacket;
import io.jvitess.mysql.packet.PacketReader;
import io.jvitess.mysql.packet.PacketWriter;
import io.jvitess.mysql.packet.TextRow;
import io.jvitess.mysql.protocol.PacketChannel;
import io.jvitess.mysql.protocol.PacketTooLargeException;
import io.jvitess.mysql.protocol.ServerStatus;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The MySQL wire protocol work the server does per query: decoding the client's COM_QUERY
 * (framing, then the command) and encoding the text result set it answers with. The server's
 * {@code ResponseWriter} is package-private, so the encode side repeats its
 * {@code writeResult} sequence with the same public packet classes: one {@link PacketWriter} per
 * packet, framed by {@link PacketChannel} into an in-memory buffer standing in for the socket.
 * The client is a modern one (CLIENT_DEPRECATE_EOF: no EOF after the column definitions, an OK
 * with header 0xFE at the end).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProtocolBenchmark {

    /** sysbench oltp_point_select's statement, as sent without server-side prepared statements. */
    static final String POINT_SELECT = "SELECT c FROM sbtest1 WHERE id=50127";
    private static final int STATUS = ServerStatus.of(false, true, false);

    private ByteArrayInputStream clientBytes;
    private PacketChannel readChannel;
    private ByteArrayOutputStream socketBuffer;
    private PacketChannel writeChannel;
    private QueryResult oneRow;
    private QueryResult hundredRows;
    private ResultSet hundredRowsInGateway;

    @Setup
    public void setUp() throws IOException {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        PacketChannel client = new PacketChannel(InputStream.nullInputStream(), framed, Integer.MAX_VALUE);
        PacketWriter command = new PacketWriter();
        new ComQuery(POINT_SELECT).write(command);
        client.writePacket(command.buffer(), 0, command.length());
        client.flush();
        clientBytes = new ByteArrayInputStream(framed.toByteArray());
        readChannel = new PacketChannel(clientBytes, OutputStream.nullOutputStream(), 64 * 1024 * 1024);

        socketBuffer = new ByteArrayOutputStream(64 * 1024);
        writeChannel = new PacketChannel(InputStream.nullInputStream(), socketBuffer, 64 * 1024 * 1024);
        SysbenchRows generator = new SysbenchRows(42);
        List<List<SqlValue>> rows = new ArrayList<>();
        for (int id = 1; id <= 100; id++) {
            rows.add(generator.row(id));
        }
        hundredRowsInGateway = ResultSet.of(SysbenchRows.FIELDS, rows);
        hundredRows = hundredRowsInGateway.toProto();
        oneRow = ResultSet.of(SysbenchRows.FIELDS, rows.subList(0, 1)).toProto();
    }

    /** Reads one framed COM_QUERY off the connection's input and decodes its SQL, as the command loop does. */
    @Benchmark
    public String decodeComQuery() throws IOException, PacketTooLargeException {
        clientBytes.reset();
        readChannel.resetSequence();
        byte[] payload = readChannel.readPacket();
        return ComQuery.read(new PacketReader(payload)).sql();
    }

    @Benchmark
    public int encodeOneRow() throws IOException {
        return writeTextResult(oneRow);
    }

    @Benchmark
    public int encodeHundredRows() throws IOException {
        return writeTextResult(hundredRows);
    }

    /** The gateway's last step before encoding: its decoded rows back to a QueryResult (Executor calls toProto), then the wire. */
    @Benchmark
    public int toProtoAndEncodeHundredRows() throws IOException {
        return writeTextResult(hundredRowsInGateway.toProto());
    }

    /** ResponseWriter.writeResult for a DEPRECATE_EOF client, then flush; returns the bytes written. */
    private int writeTextResult(QueryResult result) throws IOException {
        socketBuffer.reset();
        writeChannel.resetSequence();
        int columns = result.getFieldsCount();
        write(new ColumnCount(columns)::write);
        for (Field field : result.getFieldsList()) {
            write(ColumnDefinition41.fromField(field)::write);
        }
        for (Row row : result.getRowsList()) {
            TextRow textRow = new TextRow(row);
            write(writer -> textRow.write(writer, columns));
        }
        write(OkPacket.endOfResultSet(STATUS, 0)::write);
        writeChannel.flush();
        return socketBuffer.size();
    }

    private void write(Consumer<PacketWriter> encoder) throws IOException {
        PacketWriter writer = new PacketWriter();
        encoder.accept(writer);
        writeChannel.writePacket(writer.buffer(), 0, writer.length());
    }
}
