package io.jvitess.mysql.server;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtException;
import io.jvitess.mysql.auth.AuthServer;
import io.jvitess.mysql.auth.AuthenticatedUser;
import io.jvitess.mysql.auth.NativePassword;
import io.jvitess.mysql.packet.AuthSwitchRequest;
import io.jvitess.mysql.packet.ComFieldList;
import io.jvitess.mysql.packet.ComInitDb;
import io.jvitess.mysql.packet.ComQuery;
import io.jvitess.mysql.packet.ComSetOption;
import io.jvitess.mysql.packet.ComStmtClose;
import io.jvitess.mysql.packet.ComStmtExecute;
import io.jvitess.mysql.packet.ComStmtPrepare;
import io.jvitess.mysql.packet.ComStmtReset;
import io.jvitess.mysql.packet.ComStmtSendLongData;
import io.jvitess.mysql.packet.ErrPacket;
import io.jvitess.mysql.packet.HandshakeResponse41;
import io.jvitess.mysql.packet.HandshakeV10;
import io.jvitess.mysql.packet.MalformedPacketException;
import io.jvitess.mysql.packet.PacketReader;
import io.jvitess.mysql.packet.PacketWriter;
import io.jvitess.mysql.protocol.CapabilityFlags;
import io.jvitess.mysql.protocol.CharacterSets;
import io.jvitess.mysql.protocol.CommandCode;
import io.jvitess.mysql.protocol.PacketChannel;
import io.jvitess.mysql.protocol.PacketTooLargeException;
import io.jvitess.mysql.protocol.ServerStatus;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Command handling for one client: the handshake and authentication, then a loop of commands,
 * each answered before the next is read. It only sees a {@link PacketChannel}, so it runs the same
 * over a socket or in-memory streams. {@link #serve()} returns when the client quits or goes away;
 * it never throws, and it closes the session exactly once.
 */
final class ServerConnection {

    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SqlState MALFORMED_PACKET = new SqlState(1835, "HY000");
    private static final String PACKET_TOO_LARGE_MESSAGE = "Got a packet bigger than 'max_allowed_packet' bytes";
    /** Errors may quote the statement; a 20 MB query must not come back as a 20 MB error (MySQL itself stops at 512 bytes). */
    private static final int MAX_ERROR_MESSAGE_LENGTH = 4096;

    private final long connectionId;
    private final String remoteAddress;
    private final PacketChannel channel;
    private final String serverVersion;
    private final AuthServer authServer;
    private final MysqlHandler handler;
    private final ServerCounters counters;
    private final Runnable onAuthenticated;
    private final PreparedStatements statements;
    private ResponseWriter writer;
    private boolean multiStatements;
    private MysqlSession session;

    /**
     * @param onAuthenticated runs once the client is logged in, e.g. to lift the handshake read timeout
     */
    ServerConnection(long connectionId, String remoteAddress, PacketChannel channel, String serverVersion,
                     AuthServer authServer, MysqlHandler handler, ServerCounters counters, Runnable onAuthenticated) {
        this.connectionId = connectionId;
        this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.serverVersion = requireNonNull(serverVersion, "serverVersion is null");
        this.authServer = requireNonNull(authServer, "authServer is null");
        this.handler = requireNonNull(handler, "handler is null");
        this.counters = requireNonNull(counters, "counters is null");
        this.onAuthenticated = requireNonNull(onAuthenticated, "onAuthenticated is null");
        this.statements = new PreparedStatements(channel.maxPacketSize());
        // Until the client states its capabilities, write as for the most conservative client.
        this.writer = new ResponseWriter(channel, 0);
    }

    void serve() {
        try {
            if (handshake()) {
                onAuthenticated.run();
                commandLoop();
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("connection {} from {} ended: {}", connectionId, remoteAddress, e.toString());
        } catch (RuntimeException e) {
            log.warn("connection {} from {} failed unexpectedly; closing it", connectionId, remoteAddress, e);
        } finally {
            closeSession();
        }
    }

    private boolean handshake() throws IOException {
        byte[] scramble = newScramble();
        channel.resetSequence();
        HandshakeV10 greeting = new HandshakeV10(serverVersion, connectionId, ByteString.copyFrom(scramble),
                CapabilityFlags.SERVER_DEFAULT, CharacterSets.UTF8MB4_0900_AI_CI, ServerStatus.AUTOCOMMIT, NativePassword.PLUGIN_NAME);
        writePacket(greeting::write);
        channel.flush();

        byte[] payload = readHandshakePacket();
        if (payload == null) {
            return false;
        }
        if (HandshakeResponse41.isSslRequest(payload)) {
            log.info("connection {} from {} asked for TLS, which this server does not offer", connectionId, remoteAddress);
            return reject(ErrPacket.of(SqlState.UNKNOWN_ERROR, "SSL connection is not supported by this server; connect with SSL disabled"));
        }
        HandshakeResponse41 response;
        try {
            response = HandshakeResponse41.read(new PacketReader(payload));
        } catch (MalformedPacketException e) {
            log.info("connection {} from {} sent a bad handshake response: {}", connectionId, remoteAddress, e.getMessage());
            return reject(ErrPacket.of(MALFORMED_PACKET, "Bad handshake"));
        }
        int capabilities = response.capabilities() & CapabilityFlags.SERVER_DEFAULT;
        writer = new ResponseWriter(channel, capabilities);
        multiStatements = CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_MULTI_STATEMENTS);

        byte[] authData = response.authResponse().toByteArray();
        String plugin = response.authPluginName().orElse(NativePassword.PLUGIN_NAME);
        if (CapabilityFlags.has(capabilities, CapabilityFlags.CLIENT_PLUGIN_AUTH) && !plugin.equals(NativePassword.PLUGIN_NAME)) {
            // e.g. caching_sha2_password from MySQL 8 clients: ask for the plugin the scramble was made for
            byte[] switchData = new byte[scramble.length + 1];
            System.arraycopy(scramble, 0, switchData, 0, scramble.length);
            writePacket(new AuthSwitchRequest(NativePassword.PLUGIN_NAME, ByteString.copyFrom(switchData))::write);
            channel.flush();
            authData = readHandshakePacket();
            if (authData == null) {
                return false;
            }
        }

        AuthenticatedUser user;
        try {
            user = authServer.authenticate(response.user(), scramble, authData, remoteAddress);
        } catch (VtException e) {
            return reject(ErrPacket.of(e.sqlState(), abbreviate(e.getMessage())));
        } catch (RuntimeException e) {
            log.warn("auth server failed for user '{}' from {}; denying access", response.user(), remoteAddress, e);
            return reject(ErrPacket.of(SqlState.ACCESS_DENIED, "Access denied for user '" + response.user() + "'"));
        }

        ConnectionInfo info = new ConnectionInfo(connectionId, user.user(), response.database(), remoteAddress,
                response.attributes(), capabilities);
        try {
            session = requireNonNull(handler.openSession(info), "handler returned no session");
        } catch (VtException e) {
            log.debug("connection {} from {}: session refused: {}", connectionId, remoteAddress, e.getMessage());
            return reject(ErrPacket.of(e.sqlState(), abbreviate(e.getMessage())));
        } catch (RuntimeException e) {
            log.warn("connection {} from {}: opening the session failed", connectionId, remoteAddress, e);
            return reject(ErrPacket.of(SqlState.UNKNOWN_ERROR, abbreviate(messageOf(e))));
        }
        log.debug("connection {} from {}: user '{}' logged in, schema {}, capabilities 0x{}", connectionId, remoteAddress,
                user.user(), response.database().orElse("(none)"), Integer.toHexString(capabilities));
        writer.writeOk(0, 0, status(), 0, "");
        writer.flush();
        return true;
    }

    /** A handshake-phase packet; an oversized one is answered with ERR and ends the connection. */
    private byte[] readHandshakePacket() throws IOException {
        try {
            return channel.readPacket();
        } catch (PacketTooLargeException e) {
            log.info("connection {} from {}: handshake packet too large: {}", connectionId, remoteAddress, e.getMessage());
            reject(ErrPacket.of(SqlState.NET_PACKET_TOO_LARGE, PACKET_TOO_LARGE_MESSAGE));
            return null;
        }
    }

    private boolean reject(ErrPacket error) throws IOException {
        writer.writeError(error);
        writer.flush();
        return false;
    }

    private void commandLoop() throws IOException {
        while (true) {
            channel.resetSequence();
            byte[] payload;
            try {
                payload = channel.readPacket();
            } catch (PacketTooLargeException e) {
                // The packet was drained, so the stream is at a packet boundary and the connection stays usable.
                log.info("connection {} from {}: rejected a {}-byte packet (max_allowed_packet {})", connectionId, remoteAddress,
                        e.packetSize(), e.maxPacketSize());
                writer.writeError(ErrPacket.of(SqlState.NET_PACKET_TOO_LARGE, PACKET_TOO_LARGE_MESSAGE));
                writer.flush();
                continue;
            }
            if (payload == null) {
                log.debug("connection {} from {}: client disconnected", connectionId, remoteAddress);
                return;
            }
            if (!dispatch(payload)) {
                return;
            }
        }
    }

    /** Answers one command; false when the connection should end. */
    private boolean dispatch(byte[] payload) throws IOException {
        if (payload.length == 0) {
            replyError(ErrPacket.of(SqlState.UNKNOWN_COMMAND, "Unknown command"));
            return true;
        }
        int command = payload[0] & 0xFF;
        PacketReader reader = new PacketReader(payload);
        try {
            switch (command) {
                case CommandCode.COM_QUIT -> {
                    log.debug("connection {} from {}: client quit", connectionId, remoteAddress);
                    return false;
                }
                case CommandCode.COM_QUERY -> query(ComQuery.read(reader).sql());
                case CommandCode.COM_INIT_DB -> {
                    session.initDb(ComInitDb.read(reader).schema());
                    replyOk();
                }
                case CommandCode.COM_FIELD_LIST -> {
                    ComFieldList request = ComFieldList.read(reader);
                    List<Field> fields = session.fieldList(request.table(), request.wildcard());
                    writer.writeFieldList(fields, status(), session.warningCount());
                    writer.flush();
                }
                case CommandCode.COM_PING -> replyOk();
                case CommandCode.COM_RESET_CONNECTION -> {
                    statements.closeAll();
                    session.resetConnection();
                    replyOk();
                }
                case CommandCode.COM_STATISTICS -> {
                    writer.writeRaw(counters.statisticsText().getBytes(StandardCharsets.UTF_8));
                    writer.flush();
                }
                case CommandCode.COM_SET_OPTION -> setOption(ComSetOption.read(reader).option());
                case CommandCode.COM_STMT_PREPARE -> prepare(ComStmtPrepare.read(reader).sql());
                case CommandCode.COM_STMT_EXECUTE -> executeStatement(payload);
                case CommandCode.COM_STMT_RESET -> {
                    statements.require(ComStmtReset.read(reader).statementId(), "mysqld_stmt_reset").clearLongData();
                    replyOk();
                }
                // These two never get a reply, not even an error: the client does not read one.
                case CommandCode.COM_STMT_CLOSE, CommandCode.COM_STMT_SEND_LONG_DATA -> withoutReply(command, reader);
                default -> {
                    log.debug("connection {} from {}: unsupported command {}", connectionId, remoteAddress, CommandCode.name(command));
                    replyError(ErrPacket.of(SqlState.UNKNOWN_COMMAND, "Unknown command"));
                }
            }
        } catch (MalformedPacketException e) {
            log.debug("connection {} from {}: malformed {}: {}", connectionId, remoteAddress, CommandCode.name(command), e.getMessage());
            replyError(ErrPacket.of(MALFORMED_PACKET, "Malformed communication packet"));
        } catch (RuntimeException e) {
            replyError(errorFor(e, command));
        }
        return true;
    }

    private void query(String sql) throws IOException {
        counters.countQuestion();
        QueryResponder responder = new QueryResponder(writer, session, multiStatements);
        try {
            session.query(sql, responder);
        } catch (RuntimeException e) {
            responder.close();
            if (responder.finished()) {
                // The client already has a complete answer; anything more would be read as the next command's.
                log.warn("connection {} from {}: session failed after sending its final result; the error is not reported to the client",
                        connectionId, remoteAddress, e);
                return;
            }
            replyError(errorFor(e, CommandCode.COM_QUERY));
            return;
        }
        responder.finish();
    }

    private void prepare(String sql) throws IOException {
        PreparedQuery query = requireNonNull(session.prepare(sql), "session prepared no statement");
        PreparedStatements.Statement statement;
        try {
            statement = statements.add(query);
        } catch (RuntimeException e) {
            query.close();
            throw e;
        }
        writer.writePrepareOk(statement.id(), query.parameterCount(), query.columns(), status(), session.warningCount());
        writer.flush();
    }

    /** COM_STMT_EXECUTE: answered like COM_QUERY, but with rows in the binary protocol. */
    private void executeStatement(byte[] payload) throws IOException {
        counters.countQuestion();
        PreparedStatements.Statement statement = statements.require(ComStmtExecute.readStatementId(payload), "mysqld_stmt_execute");
        PreparedQuery query = statement.query();
        QueryResult result;
        try {
            ComStmtExecute request = ComStmtExecute.read(new PacketReader(payload), query.parameterCount(), statement.boundTypes(),
                    statement.longData());
            statement.bind(request.types());
            result = query.execute(request.parameters());
        } finally {
            statement.clearLongData();
        }
        int warnings = result.getWarnings() != 0 ? result.getWarnings() : session.warningCount();
        writer.writeBinaryResult(result, status(), warnings);
        writer.flush();
    }

    private void withoutReply(int command, PacketReader reader) {
        try {
            if (command == CommandCode.COM_STMT_CLOSE) {
                statements.close(ComStmtClose.read(reader).statementId());
            } else {
                statements.appendLongData(ComStmtSendLongData.read(reader));
            }
        } catch (MalformedPacketException e) {
            log.debug("connection {} from {}: malformed {} ignored: {}", connectionId, remoteAddress, CommandCode.name(command), e.getMessage());
        }
    }

    private void setOption(int option) throws IOException {
        switch (option) {
            case ComSetOption.MULTI_STATEMENTS_ON -> multiStatements = true;
            case ComSetOption.MULTI_STATEMENTS_OFF -> multiStatements = false;
            default -> {
                replyError(ErrPacket.of(SqlState.UNKNOWN_COMMAND, "Unknown command"));
                return;
            }
        }
        // MySQL answers COM_SET_OPTION with an EOF (an OK headed 0xFE under CLIENT_DEPRECATE_EOF).
        writer.writeEndOfRows(status(), session.warningCount());
        writer.flush();
    }

    /**
     * The ERR packet for a failed command. If the failure is the client going away (a write to it
     * failed), there is no one to answer: rethrow so the connection ends.
     */
    private ErrPacket errorFor(RuntimeException error, int command) {
        if (channel.isBroken()) {
            throw error instanceof UncheckedIOException io ? io : new UncheckedIOException(new IOException("client connection lost", error));
        }
        if (error instanceof VtException vtError) {
            log.debug("connection {} from {}: {} failed: {}", connectionId, remoteAddress, CommandCode.name(command), vtError.getMessage());
            return ErrPacket.of(vtError.sqlState(), abbreviate(vtError.getMessage()));
        }
        log.warn("connection {} from {}: {} failed with an unexpected error; the client gets ERR 1105",
                connectionId, remoteAddress, CommandCode.name(command), error);
        return ErrPacket.of(SqlState.UNKNOWN_ERROR, abbreviate(messageOf(error)));
    }

    private void replyOk() throws IOException {
        writer.writeOk(0, 0, status(), session.warningCount(), "");
        writer.flush();
    }

    private void replyError(ErrPacket error) throws IOException {
        writer.writeError(error);
        writer.flush();
    }

    private int status() {
        return session == null ? ServerStatus.AUTOCOMMIT : ServerStatus.of(session.inTransaction(), session.autocommit(), false);
    }

    private void writePacket(java.util.function.Consumer<PacketWriter> encoder) throws IOException {
        PacketWriter packet = new PacketWriter();
        encoder.accept(packet);
        channel.writePacket(packet.buffer(), 0, packet.length());
    }

    private void closeSession() {
        statements.closeAll();
        MysqlSession current = session;
        session = null;
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (RuntimeException e) {
            log.warn("connection {} from {}: session close failed", connectionId, remoteAddress, e);
        }
    }

    private static String abbreviate(String message) {
        return message.length() <= MAX_ERROR_MESSAGE_LENGTH ? message : message.substring(0, MAX_ERROR_MESSAGE_LENGTH) + "...";
    }

    private static String messageOf(Throwable error) {
        return error.getMessage() != null ? error.getMessage() : error.getClass().getName();
    }

    /** 20 random bytes, avoiding NUL (clients read the scramble NUL-terminated) and '$'. */
    static byte[] newScramble() {
        byte[] scramble = new byte[NativePassword.SCRAMBLE_LENGTH];
        for (int i = 0; i < scramble.length; i++) {
            int value;
            do {
                value = 1 + RANDOM.nextInt(127);
            } while (value == '$');
            scramble[i] = (byte) value;
        }
        return scramble;
    }
}
