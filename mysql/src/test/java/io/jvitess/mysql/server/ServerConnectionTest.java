package io.jvitess.mysql.server;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.mysql.auth.AuthServer;
import io.jvitess.mysql.auth.AuthServers;
import io.jvitess.mysql.auth.AuthenticatedUser;
import io.jvitess.mysql.auth.NativePassword;
import io.jvitess.mysql.auth.StaticAuthServer;
import io.jvitess.mysql.packet.AuthSwitchRequest;
import io.jvitess.mysql.packet.ColumnCount;
import io.jvitess.mysql.packet.ColumnDefinition41;
import io.jvitess.mysql.packet.ComFieldList;
import io.jvitess.mysql.packet.ComInitDb;
import io.jvitess.mysql.packet.ComQuery;
import io.jvitess.mysql.packet.ComSetOption;
import io.jvitess.mysql.packet.ComStmtClose;
import io.jvitess.mysql.packet.ComStmtPrepare;
import io.jvitess.mysql.packet.EofPacket;
import io.jvitess.mysql.packet.ErrPacket;
import io.jvitess.mysql.packet.HandshakeResponse41;
import io.jvitess.mysql.packet.HandshakeV10;
import io.jvitess.mysql.packet.OkPacket;
import io.jvitess.mysql.packet.PacketReader;
import io.jvitess.mysql.packet.PacketWriter;
import io.jvitess.mysql.packet.TextRow;
import io.jvitess.mysql.protocol.CapabilityFlags;
import io.jvitess.mysql.protocol.CharacterSets;
import io.jvitess.mysql.protocol.ColumnType;
import io.jvitess.mysql.protocol.CommandCode;
import io.jvitess.mysql.protocol.PacketChannel;
import io.jvitess.mysql.protocol.ServerStatus;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.jvitess.mysql.server.ConnectionScript.encode;
import static io.jvitess.mysql.server.ConnectionScript.err;
import static io.jvitess.mysql.server.ConnectionScript.ok;
import static io.jvitess.mysql.server.Results.single;
import static org.assertj.core.api.Assertions.assertThat;

/** Command handling without a socket: scripted client bytes in, server bytes out. */
class ServerConnectionTest {

    private static final int CLIENT_CAPABILITIES = ConnectionScript.CLIENT_CAPABILITIES;

    private final FakeHandler handler = new FakeHandler();
    private AuthServer authServer = AuthServers.create("none", Optional.empty());
    private int maxPacketSize = 1 << 20;
    private final AtomicBoolean authenticated = new AtomicBoolean();

    private ConnectionScript script() {
        return new ConnectionScript(handler, authServer, maxPacketSize, authenticated);
    }

    @Test
    void greetingAdvertisesProtocolAndLoginSucceeds() {
        List<Wire.Frame> frames = script().handshake().command(CommandCode.COM_QUIT).run();

        assertThat(frames).hasSize(2);
        assertThat(frames.getFirst().sequence()).isZero();
        HandshakeV10 greeting = HandshakeV10.read(new PacketReader(frames.getFirst().payload()));
        assertThat(greeting.serverVersion()).isEqualTo("8.0.40-Vitess");
        assertThat(greeting.connectionId()).isEqualTo(7);
        assertThat(greeting.capabilities()).isEqualTo(CapabilityFlags.SERVER_DEFAULT);
        assertThat(CapabilityFlags.has(greeting.capabilities(), CapabilityFlags.CLIENT_SSL)).isFalse();
        assertThat(greeting.characterSet()).isEqualTo(CharacterSets.UTF8MB4_0900_AI_CI);
        assertThat(greeting.statusFlags()).isEqualTo(ServerStatus.AUTOCOMMIT);
        assertThat(greeting.authPluginName()).isEqualTo("mysql_native_password");
        assertThat(greeting.scramble().size()).isEqualTo(20);
        assertThat(greeting.scramble().toByteArray()).doesNotContain((byte) 0);

        assertThat(frames.get(1).sequence()).isEqualTo(2);
        assertThat(ok(frames.get(1))).isEqualTo(OkPacket.of(0, 0, ServerStatus.AUTOCOMMIT, 0, ""));
        assertThat(authenticated).isTrue();

        ConnectionInfo info = handler.connections.getFirst();
        assertThat(info).isEqualTo(new ConnectionInfo(7, "app", Optional.of("commerce"), "10.0.0.1:5555",
                Map.of("_client_name", "script"), CLIENT_CAPABILITIES));
        assertThat(handler.sessions.getFirst().closeCount.get()).isEqualTo(1);
    }

    @Test
    void otherAuthPluginIsSwitchedToNativePassword() {
        AtomicReference<byte[]> seenScramble = new AtomicReference<>();
        AtomicReference<byte[]> seenResponse = new AtomicReference<>();
        authServer = (user, scramble, response, remote) -> {
            seenScramble.set(scramble);
            seenResponse.set(response);
            return new AuthenticatedUser(user, user);
        };
        byte[] switchedResponse = "twenty-bytes-of-auth".getBytes(StandardCharsets.UTF_8);
        List<Wire.Frame> frames = script()
                .handshake(CLIENT_CAPABILITIES, "caching_sha2_password", new byte[32])
                .frame(3, switchedResponse)
                .run();

        assertThat(frames).hasSize(3);
        HandshakeV10 greeting = HandshakeV10.read(new PacketReader(frames.getFirst().payload()));
        Wire.Frame switchFrame = frames.get(1);
        assertThat(switchFrame.sequence()).isEqualTo(2);
        AuthSwitchRequest request = AuthSwitchRequest.read(new PacketReader(switchFrame.payload()));
        assertThat(request.pluginName()).isEqualTo("mysql_native_password");
        assertThat(request.pluginData()).isEqualTo(greeting.scramble().concat(ByteString.copyFrom(new byte[1])));
        assertThat(frames.get(2).sequence()).isEqualTo(4);
        assertThat(frames.get(2).firstByte()).isEqualTo(OkPacket.HEADER);
        assertThat(seenScramble.get()).isEqualTo(greeting.scramble().toByteArray());
        assertThat(seenResponse.get()).isEqualTo(switchedResponse);
    }

    @Test
    void wrongPasswordIsDeniedAndTheConnectionEnds() {
        authServer = StaticAuthServer.fromJson("{\"app\": {\"Password\": \"secret\"}}");
        List<Wire.Frame> frames = script()
                .handshake(CLIENT_CAPABILITIES, NativePassword.PLUGIN_NAME, new byte[20])
                .query("select 1")
                .run();

        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).sequence()).isEqualTo(2);
        assertThat(err(frames.get(1))).isEqualTo(new ErrPacket(1045, "28000", "Access denied for user 'app'"));
        assertThat(handler.sessions).isEmpty();
        assertThat(authenticated).isFalse();
    }

    @Test
    void sessionRefusalRejectsTheLogin() {
        MysqlHandler unavailable = info -> {
            throw VtException.of(VtCode.UNAVAILABLE, "no keyspaces");
        };
        List<Wire.Frame> refused = script().handshake().query("select 1").run(unavailable, 8);
        assertThat(refused).hasSize(2);
        assertThat(refused.get(1).sequence()).isEqualTo(2);
        assertThat(err(refused.get(1))).isEqualTo(new ErrPacket(1105, "HY000", "no keyspaces"));

        MysqlHandler buggy = info -> {
            throw new IllegalStateException("handler bug");
        };
        assertThat(err(script().handshake().run(buggy, 8).get(1))).isEqualTo(new ErrPacket(1105, "HY000", "handler bug"));
        assertThat(authenticated).isFalse();
    }

    @Test
    void sslRequestIsRefused() {
        byte[] sslRequest = new byte[32];
        int capabilities = CLIENT_CAPABILITIES | CapabilityFlags.CLIENT_SSL;
        sslRequest[0] = (byte) capabilities;
        sslRequest[1] = (byte) (capabilities >>> 8);
        sslRequest[2] = (byte) (capabilities >>> 16);
        sslRequest[3] = (byte) (capabilities >>> 24);
        List<Wire.Frame> frames = script().frame(1, sslRequest).run();

        assertThat(frames).hasSize(2);
        assertThat(err(frames.get(1)).message()).contains("SSL connection is not supported");
    }

    @Test
    void garbageHandshakeGetsAnError() {
        List<Wire.Frame> frames = script().frame(1, new byte[] {1, 2, 3}).run();
        assertThat(frames).hasSize(2);
        assertThat(err(frames.get(1))).isEqualTo(new ErrPacket(1835, "HY000", "Bad handshake"));
    }

    @Test
    void unsupportedCommandsGetUnknownCommandAndTheConnectionContinues() {
        List<Wire.Frame> responses = script().handshake()
                .command(new ComStmtPrepare("select ?")::write)
                .command(new ComStmtClose(1)::write)
                .command(encode(writer -> writer.writeInt1(CommandCode.COM_STMT_FETCH).writeInt4(1).writeInt4(10)))
                .command(0x2a)
                .command(new byte[0])
                .command(CommandCode.COM_CHANGE_USER)
                .command(CommandCode.COM_PING)
                .responses();

        ErrPacket unknown = new ErrPacket(1047, "08S01", "Unknown command");
        // The fake session has no prepared statements (MysqlSession's default); COM_STMT_CLOSE gets no reply.
        assertThat(responses).hasSize(6);
        for (Wire.Frame frame : responses.subList(0, 5)) {
            assertThat(frame.sequence()).isEqualTo(1);
            assertThat(err(frame)).isEqualTo(unknown);
        }
        assertThat(ok(responses.get(5))).isEqualTo(OkPacket.of(0, 0, ServerStatus.AUTOCOMMIT, 0, ""));
    }

    @Test
    void oversizedPacketGets1153AndTheNextCommandWorks() {
        maxPacketSize = 100;
        List<Wire.Frame> responses = script().handshake()
                .query("select 1 /* " + "x".repeat(200) + " */")
                .query("select 1")
                .responses();

        assertThat(err(responses.getFirst())).isEqualTo(new ErrPacket(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes"));
        assertThat(responses.getFirst().sequence()).isEqualTo(1);
        assertThat(responses.get(1).firstByte()).as("column count of select 1").isEqualTo(1);
        assertThat(handler.queries).containsExactly("select 1");
    }

    @Test
    void resultSetWithClassicEofPackets() {
        handler.sessions.clear();
        handler.customQuery = (session, sql, sink) -> {
            session.inTransaction = true;
            sink.send(QueryResult.newBuilder(FakeHandler.typedResult()).setWarnings(3).build(), false);
            return true;
        };
        List<Wire.Frame> responses = script().handshake().query("select typed").responses();

        // count, 7 column definitions, EOF, 2 rows, EOF
        assertThat(responses).hasSize(1 + 7 + 1 + 2 + 1);
        for (int i = 0; i < responses.size(); i++) {
            assertThat(responses.get(i).sequence()).isEqualTo(i + 1);
        }
        assertThat(ColumnCount.read(new PacketReader(responses.getFirst().payload()))).isEqualTo(new ColumnCount(7));
        ColumnDefinition41 id = ColumnDefinition41.read(new PacketReader(responses.get(1).payload()));
        assertThat(id.name()).isEqualTo("id");
        assertThat(id.columnType()).isEqualTo(ColumnType.LONGLONG);
        assertThat(id.characterSet()).isEqualTo(CharacterSets.BINARY);
        int status = ServerStatus.IN_TRANS | ServerStatus.AUTOCOMMIT;
        assertThat(EofPacket.read(new PacketReader(responses.get(8).payload()))).isEqualTo(new EofPacket(3, status));
        Row second = TextRow.read(new PacketReader(responses.get(10).payload()), 7).row();
        assertThat(second).isEqualTo(FakeHandler.typedResult().getRows(1));
        assertThat(EofPacket.read(new PacketReader(responses.get(11).payload()))).isEqualTo(new EofPacket(3, status));
    }

    @Test
    void resultSetWithDeprecateEofEndsWithOkPacket() {
        List<Wire.Frame> responses = script()
                .handshake(CLIENT_CAPABILITIES | CapabilityFlags.CLIENT_DEPRECATE_EOF, NativePassword.PLUGIN_NAME, new byte[0])
                .query("select typed")
                .responses();

        // count, 7 column definitions, 2 rows, OK(0xFE): no EOF after the columns
        assertThat(responses).hasSize(1 + 7 + 2 + 1);
        assertThat(TextRow.read(new PacketReader(responses.get(8).payload()), 7).row()).isEqualTo(FakeHandler.typedResult().getRows(0));
        assertThat(ok(responses.getLast())).isEqualTo(OkPacket.endOfResultSet(ServerStatus.AUTOCOMMIT, 0));
        assertThat(responses.getLast().firstByte()).isEqualTo(0xFE);
    }

    @Test
    void multipleResultsFlagMoreResultsUntilTheLast() {
        List<Wire.Frame> responses = script().handshake().query("insert into t values (1); select 1; update t set a = 1").responses();

        assertThat(ok(responses.getFirst())).isEqualTo(OkPacket.of(3, 42, ServerStatus.AUTOCOMMIT | ServerStatus.MORE_RESULTS_EXISTS, 0, ""));
        // select 1: count, column, EOF, row, EOF
        assertThat(EofPacket.read(new PacketReader(responses.get(5).payload())).statusFlags())
                .isEqualTo(ServerStatus.AUTOCOMMIT | ServerStatus.MORE_RESULTS_EXISTS);
        assertThat(ok(responses.get(6))).isEqualTo(OkPacket.of(7, 0, ServerStatus.AUTOCOMMIT, 0, "Rows matched: 7  Changed: 7  Warnings: 0"));
        assertThat(responses).hasSize(7);
        // sequence ids run on across the results of one command
        assertThat(responses.getLast().sequence()).isEqualTo(7);
    }

    @Test
    void errorAfterEarlierResultsEndsTheResponse() {
        List<Wire.Frame> responses = script().handshake().query("insert into t values (1); select * from missing; select 1")
                .command(CommandCode.COM_PING)
                .responses();

        assertThat(ok(responses.getFirst()).statusFlags() & ServerStatus.MORE_RESULTS_EXISTS).isNotZero();
        assertThat(err(responses.get(1)).errno()).isEqualTo(1146);
        assertThat(responses.get(2).sequence()).as("the ping's reply").isEqualTo(1);
        assertThat(responses).hasSize(3);
    }

    @Test
    void multiStatementsNeedTheCapabilityAndSetOptionTogglesIt() {
        int withoutMulti = CLIENT_CAPABILITIES & ~CapabilityFlags.CLIENT_MULTI_STATEMENTS;
        handler.customQuery = (session, sql, sink) -> {
            sink.send(Results.ok(1, 0), true);
            sink.send(Results.ok(2, 0), false);
            return true;
        };
        List<Wire.Frame> responses = script()
                .handshake(withoutMulti, NativePassword.PLUGIN_NAME, new byte[0])
                .query("insert 1; insert 2")
                .command(encode(new ComSetOption(ComSetOption.MULTI_STATEMENTS_ON)::write))
                .query("insert 1; insert 2")
                .command(encode(new ComSetOption(ComSetOption.MULTI_STATEMENTS_OFF)::write))
                .query("insert 1; insert 2")
                .command(encode(new ComSetOption(9)::write))
                .responses();

        assertThat(err(responses.getFirst()).errno()).isEqualTo(1064);
        assertThat(EofPacket.read(new PacketReader(responses.get(1).payload()))).isEqualTo(new EofPacket(0, ServerStatus.AUTOCOMMIT));
        assertThat(ok(responses.get(2)).affectedRows()).isEqualTo(1);
        assertThat(ok(responses.get(3)).affectedRows()).isEqualTo(2);
        assertThat(responses.get(4).firstByte()).isEqualTo(EofPacket.HEADER);
        assertThat(err(responses.get(5)).errno()).isEqualTo(1064);
        assertThat(err(responses.get(6)).errno()).isEqualTo(1047);
        assertThat(responses).hasSize(7);
    }

    @Test
    void sessionThatSendsNothingOrOnlyMoreResultsStillEndsTheResponse() {
        handler.customQuery = (session, sql, sink) -> {
            if (sql.equals("partial")) {
                sink.send(Results.ok(5, 0), true);
            }
            return true;
        };
        List<Wire.Frame> responses = script().handshake().query("nothing").query("partial").responses();

        assertThat(ok(responses.getFirst())).isEqualTo(OkPacket.of(0, 0, ServerStatus.AUTOCOMMIT, 0, ""));
        assertThat(ok(responses.get(1))).isEqualTo(OkPacket.of(5, 0, ServerStatus.AUTOCOMMIT | ServerStatus.MORE_RESULTS_EXISTS, 0, ""));
        assertThat(ok(responses.get(2))).isEqualTo(OkPacket.of(0, 0, ServerStatus.AUTOCOMMIT, 0, ""));
        assertThat(responses).hasSize(3);
    }

    @Test
    void failureAfterTheFinalResultIsNotSentToTheClient() {
        AtomicReference<Throwable> secondSend = new AtomicReference<>();
        handler.customQuery = (session, sql, sink) -> {
            sink.send(Results.ok(1, 0), false);
            try {
                sink.send(Results.ok(2, 0), false);
            } catch (IllegalStateException e) {
                secondSend.set(e);
            }
            throw VtException.of(VtCode.INTERNAL, "too late");
        };
        List<Wire.Frame> responses = script().handshake().query("insert").command(CommandCode.COM_PING).responses();

        assertThat(ok(responses.getFirst()).affectedRows()).isEqualTo(1);
        assertThat(responses.get(1).sequence()).as("the ping's reply follows directly").isEqualTo(1);
        assertThat(responses).hasSize(2);
        assertThat(secondSend.get()).hasMessageContaining("after the final one");
    }

    @Test
    void malformedRowsAreRejectedBeforeAnythingIsWritten() {
        handler.customQuery = (session, sql, sink) -> {
            Row bad = Row.newBuilder().addLengths(5).setValues(ByteString.copyFromUtf8("abc")).build();
            sink.send(QueryResult.newBuilder().addFields(Results.field("a", Type.VARCHAR)).addRows(bad).build(), false);
            return true;
        };
        List<Wire.Frame> responses = script().handshake().query("select bad").responses();

        assertThat(responses).hasSize(1);
        ErrPacket error = err(responses.getFirst());
        assertThat(error.errno()).isEqualTo(1105);
        assertThat(error.message()).contains("lengths add up to 5 bytes");
    }

    @Test
    void malformedCommandGetsAnError() {
        List<Wire.Frame> responses = script().handshake()
                .command(new byte[] {CommandCode.COM_SET_OPTION, 0})
                .command(CommandCode.COM_PING)
                .responses();

        assertThat(err(responses.getFirst())).isEqualTo(new ErrPacket(1835, "HY000", "Malformed communication packet"));
        assertThat(responses.get(1).firstByte()).isEqualTo(OkPacket.HEADER);
    }

    @Test
    void initDbFieldListResetAndStatistics() {
        List<Wire.Frame> responses = script().handshake()
                .command(encode(new ComInitDb("customer")::write))
                .command(encode(new ComInitDb("missing_db")::write))
                .command(encode(new ComFieldList("users", "")::write))
                .command(encode(new ComFieldList("nope", "")::write))
                .command(CommandCode.COM_RESET_CONNECTION)
                .command(CommandCode.COM_STATISTICS)
                .responses();

        FakeHandler.FakeSession session = handler.sessions.getFirst();
        assertThat(ok(responses.getFirst())).isEqualTo(OkPacket.of(0, 0, ServerStatus.AUTOCOMMIT, 0, ""));
        assertThat(session.schema).isEqualTo("customer");
        assertThat(err(responses.get(1))).isEqualTo(new ErrPacket(1049, "42000", "Unknown database 'missing_db'"));

        PacketReader idColumn = new PacketReader(responses.get(2).payload());
        ColumnDefinition41 id = ColumnDefinition41.read(idColumn);
        assertThat(id).isEqualTo(new ColumnDefinition41("def", "customer", "users", "users", "id", "id",
                CharacterSets.BINARY, 20, ColumnType.LONGLONG, 3, 0));
        assertThat(idColumn.readInt1()).as("NULL default").isEqualTo(0xFB);
        assertThat(idColumn.hasRemaining()).isFalse();
        assertThat(ColumnDefinition41.read(new PacketReader(responses.get(3).payload())).characterSet())
                .isEqualTo(CharacterSets.UTF8MB4_0900_AI_CI);
        assertThat(responses.get(4).firstByte()).isEqualTo(EofPacket.HEADER);
        assertThat(err(responses.get(5)).errno()).isEqualTo(1146);

        assertThat(ok(responses.get(6)).statusFlags()).isEqualTo(ServerStatus.AUTOCOMMIT);
        assertThat(session.resetCount.get()).isEqualTo(1);

        String statistics = new String(responses.get(7).payload(), StandardCharsets.UTF_8);
        assertThat(statistics).matches("Uptime: \\d+  Threads: 1  Questions: 0  .*");
        assertThat(responses).hasSize(8);
    }

    @Test
    void sessionIsClosedOnceWhenTheClientVanishes() {
        handler.customQuery = (session, sql, sink) -> {
            session.inTransaction = sql.equals("begin");
            sink.send(Results.ok(), false);
            return true;
        };
        List<Wire.Frame> responses = script().handshake().query("begin").responses();

        assertThat(ok(responses.getFirst()).statusFlags()).isEqualTo(ServerStatus.AUTOCOMMIT | ServerStatus.IN_TRANS);
        assertThat(handler.sessions.getFirst().closeCount.get()).isEqualTo(1);
    }

    @Test
    void vtExceptionKeepsItsErrnoAndSqlState() {
        handler.customQuery = (session, sql, sink) -> {
            throw VtException.of(VtCode.ABORTED, SqlState.QUERY_INTERRUPTED, "Query execution was interrupted");
        };
        List<Wire.Frame> responses = script().handshake().query("select sleep(10)").responses();
        assertThat(err(responses.getFirst())).isEqualTo(new ErrPacket(1317, "70100", "Query execution was interrupted"));
    }

    @Test
    void hugeErrorMessagesAreCut() {
        handler.customQuery = (session, sql, sink) -> {
            throw VtException.of(VtCode.INVALID_ARGUMENT, SqlState.SYNTAX_ERROR, "syntax error near '%s'", sql);
        };
        List<Wire.Frame> responses = script().handshake().query("x".repeat(100_000)).responses();

        ErrPacket error = err(responses.getFirst());
        assertThat(error.errno()).isEqualTo(1064);
        assertThat(error.message()).hasSize(4096 + 3).startsWith("syntax error near 'xxx").endsWith("xxx...");
    }
}
