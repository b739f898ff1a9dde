package io.jvitess.mysql.server;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.mysql.auth.AuthServers;
import io.jvitess.mysql.auth.NativePassword;
import io.jvitess.mysql.packet.BinaryRow;
import io.jvitess.mysql.packet.ColumnCount;
import io.jvitess.mysql.packet.ColumnDefinition41;
import io.jvitess.mysql.packet.ComStmtClose;
import io.jvitess.mysql.packet.ComStmtExecute;
import io.jvitess.mysql.packet.ComStmtPrepare;
import io.jvitess.mysql.packet.ComStmtPrepareOk;
import io.jvitess.mysql.packet.ComStmtReset;
import io.jvitess.mysql.packet.ComStmtSendLongData;
import io.jvitess.mysql.packet.EofPacket;
import io.jvitess.mysql.packet.ErrPacket;
import io.jvitess.mysql.packet.OkPacket;
import io.jvitess.mysql.packet.PacketReader;
import io.jvitess.mysql.packet.ParameterType;
import io.jvitess.mysql.protocol.CapabilityFlags;
import io.jvitess.mysql.protocol.CharacterSets;
import io.jvitess.mysql.protocol.ColumnType;
import io.jvitess.mysql.protocol.CommandCode;
import io.jvitess.mysql.protocol.ServerStatus;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.jvitess.mysql.server.ConnectionScript.err;
import static io.jvitess.mysql.server.ConnectionScript.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** COM_STMT_* over a scripted connection: prepare responses, binary results, statement state and errors. */
class PreparedStatementConnectionTest {

    private static final ParameterType BIGINT = new ParameterType(ColumnType.LONGLONG, false);
    private static final ParameterType STRING = new ParameterType(ColumnType.VAR_STRING, false);
    private static final ErrPacket UNKNOWN_STATEMENT_1 = new ErrPacket(1243, "HY000",
            "Unknown prepared statement handler (1) given to mysqld_stmt_execute");

    private final FakeHandler handler = new FakeHandler();
    /** Every statement the fake prepared, in order. */
    private final List<Statement> prepared = new CopyOnWriteArrayList<>();

    /** A prepared statement of the fake session: its parameter count is its number of '?', its answer a function of the values. */
    private static final class Statement implements PreparedQuery {
        final String sql;
        final List<Field> columns;
        final Function<List<SqlValue>, QueryResult> answer;
        final List<List<SqlValue>> executions = new CopyOnWriteArrayList<>();
        final AtomicInteger closed = new AtomicInteger();

        Statement(String sql, List<Field> columns, Function<List<SqlValue>, QueryResult> answer) {
            this.sql = sql;
            this.columns = columns;
            this.answer = answer;
        }

        @Override
        public int parameterCount() {
            return (int) sql.chars().filter(character -> character == '?').count();
        }

        @Override
        public List<Field> columns() {
            return columns;
        }

        @Override
        public QueryResult execute(List<SqlValue> parameters) {
            executions.add(parameters);
            return answer.apply(parameters);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** Statements starting with "select" report these columns at prepare time, others none. */
    private void prepareWith(List<Field> columns, Function<List<SqlValue>, QueryResult> answer) {
        handler.preparer = sql -> {
            if (sql.startsWith("bad")) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, SqlState.SYNTAX_ERROR, "syntax error at position 4 near 'bad'");
            }
            Statement statement = new Statement(sql, sql.startsWith("select") ? columns : List.of(), answer);
            prepared.add(statement);
            return statement;
        };
    }

    private ConnectionScript script() {
        return new ConnectionScript(handler, AuthServers.create("none", Optional.empty()), 1 << 20, new AtomicBoolean());
    }

    private static ComStmtExecute execute(long id, List<ParameterType> types, SqlValue... values) {
        return new ComStmtExecute(id, ComStmtExecute.CURSOR_TYPE_NO_CURSOR, 1, !types.isEmpty(), types, List.of(values));
    }

    private static ComStmtPrepareOk prepareOk(Wire.Frame frame) {
        return ComStmtPrepareOk.read(new PacketReader(frame.payload()));
    }

    @Test
    void prepareDescribesParametersAndColumnsEachEndedByEof() {
        prepareWith(FakeHandler.typedResult().getFieldsList().subList(0, 2), parameters -> FakeHandler.typedResult());
        List<Wire.Frame> responses = script().handshake()
                .command(new ComStmtPrepare("select id, name from users where id = ? and name = ?")::write)
                .command(new ComStmtPrepare("begin")::write)
                .responses();

        // OK, 2 parameters, EOF, 2 columns, EOF; then the second statement's bare OK
        assertThat(responses).hasSize(1 + 2 + 1 + 2 + 1 + 1);
        assertThat(prepareOk(responses.getFirst())).isEqualTo(new ComStmtPrepareOk(1, 2, 2, 0));
        ColumnDefinition41 parameter = ColumnDefinition41.read(new PacketReader(responses.get(1).payload()));
        assertThat(parameter.name()).isEqualTo("?");
        assertThat(parameter.columnType()).isEqualTo(ColumnType.VAR_STRING);
        assertThat(parameter.characterSet()).isEqualTo(CharacterSets.BINARY);
        assertThat(EofPacket.read(new PacketReader(responses.get(3).payload()))).isEqualTo(new EofPacket(0, ServerStatus.AUTOCOMMIT));
        assertThat(ColumnDefinition41.read(new PacketReader(responses.get(5).payload())).name()).isEqualTo("name");
        assertThat(responses.get(6).firstByte()).isEqualTo(EofPacket.HEADER);
        assertThat(prepareOk(responses.get(7))).isEqualTo(new ComStmtPrepareOk(2, 0, 0, 0));
        for (int index = 0; index < 7; index++) {
            assertThat(responses.get(index).sequence()).isEqualTo(index + 1);
        }
    }

    @Test
    void prepareWithDeprecateEofSendsNoEofAfterDefinitions() {
        prepareWith(FakeHandler.typedResult().getFieldsList().subList(0, 1), parameters -> FakeHandler.typedResult());
        List<Wire.Frame> responses = script()
                .handshake(ConnectionScript.CLIENT_CAPABILITIES | CapabilityFlags.CLIENT_DEPRECATE_EOF, NativePassword.PLUGIN_NAME, new byte[0])
                .command(new ComStmtPrepare("select id from users where id = ?")::write)
                .command(CommandCode.COM_PING)
                .responses();

        assertThat(responses).hasSize(1 + 1 + 1 + 1);
        assertThat(prepareOk(responses.getFirst())).isEqualTo(new ComStmtPrepareOk(1, 1, 1, 0));
        assertThat(ColumnDefinition41.read(new PacketReader(responses.get(2).payload())).name()).isEqualTo("id");
        assertThat(ok(responses.get(3))).isEqualTo(OkPacket.of(0, 0, ServerStatus.AUTOCOMMIT, 0, ""));
    }

    @Test
    void executeAnswersWithABinaryResultSet() {
        prepareWith(List.of(), parameters -> FakeHandler.typedResult());
        List<Wire.Frame> responses = script().handshake()
                .command(new ComStmtPrepare("select * from typed where id = ? and name = ?")::write)
                .command(execute(1, List.of(BIGINT, STRING), SqlValue.ofLong(-7), SqlValue.NULL)::write)
                .responses();

        // OK, 2 parameter definitions, EOF
        List<Wire.Frame> result = responses.subList(4, responses.size());
        // count, 7 column definitions, EOF, 2 binary rows, EOF
        assertThat(result).hasSize(1 + 7 + 1 + 2 + 1);
        assertThat(ColumnCount.read(new PacketReader(result.getFirst().payload()))).isEqualTo(new ColumnCount(7));
        List<ColumnDefinition41> columns = result.subList(1, 8).stream()
                .map(frame -> ColumnDefinition41.read(new PacketReader(frame.payload())))
                .toList();
        assertThat(result.get(8).firstByte()).isEqualTo(EofPacket.HEADER);
        assertThat(result.get(9).firstByte()).as("binary row header").isEqualTo(BinaryRow.HEADER);
        assertThat(BinaryRow.read(new PacketReader(result.get(9).payload()), columns).row()).isEqualTo(FakeHandler.typedResult().getRows(0));
        assertThat(BinaryRow.read(new PacketReader(result.get(10).payload()), columns).row()).isEqualTo(FakeHandler.typedResult().getRows(1));
        assertThat(EofPacket.read(new PacketReader(result.get(11).payload()))).isEqualTo(new EofPacket(0, ServerStatus.AUTOCOMMIT));
        assertThat(prepared.getFirst().executions).containsExactly(List.of(SqlValue.ofLong(-7), SqlValue.NULL));
    }

    @Test
    void executeOfDmlAnswersOkAndTypesAreRememberedBetweenExecutions() {
        prepareWith(List.of(), parameters -> QueryResult.newBuilder().setRowsAffected(1).setInsertId(Long.parseLong(parameters.getFirst().text()))
                .build());
        List<Wire.Frame> responses = script()
                .handshake(ConnectionScript.CLIENT_CAPABILITIES | CapabilityFlags.CLIENT_DEPRECATE_EOF, NativePassword.PLUGIN_NAME, new byte[0])
                .command(new ComStmtPrepare("insert into t values (?, ?)")::write)
                .command(execute(1, List.of(BIGINT, STRING), SqlValue.ofLong(41), SqlValue.ofString("a"))::write)
                .command(new ComStmtExecute(1, 0, 1, false, List.of(BIGINT, STRING), List.of(SqlValue.ofLong(42), SqlValue.ofString("b")))::write)
                .responses();

        assertThat(ok(responses.get(3))).isEqualTo(OkPacket.of(1, 41, ServerStatus.AUTOCOMMIT, 0, ""));
        assertThat(ok(responses.get(4))).isEqualTo(OkPacket.of(1, 42, ServerStatus.AUTOCOMMIT, 0, ""));
        assertThat(prepared.getFirst().executions.get(1)).containsExactly(SqlValue.ofLong(42), SqlValue.ofString("b"));
    }

    @Test
    void closedOrUnknownStatementsGetError1243AndCloseHasNoReply() {
        prepareWith(List.of(), parameters -> Results.ok());
        List<Wire.Frame> responses = script().handshake()
                .command(execute(1, List.of())::write)
                .command(new ComStmtPrepare("do 1")::write)
                .command(execute(1, List.of())::write)
                .command(new ComStmtClose(1)::write)
                .command(new ComStmtClose(99)::write)
                .command(execute(1, List.of())::write)
                .command(new ComStmtReset(1)::write)
                .command(new ComStmtPrepare("do 2")::write)
                .responses();

        assertThat(err(responses.getFirst())).isEqualTo(UNKNOWN_STATEMENT_1);
        assertThat(prepareOk(responses.get(1)).statementId()).isEqualTo(1);
        assertThat(ok(responses.get(2))).isEqualTo(OkPacket.of(0, 0, ServerStatus.AUTOCOMMIT, 0, ""));
        assertThat(err(responses.get(3))).isEqualTo(UNKNOWN_STATEMENT_1);
        assertThat(err(responses.get(4))).isEqualTo(new ErrPacket(1243, "HY000", "Unknown prepared statement handler (1) given to mysqld_stmt_reset"));
        assertThat(prepareOk(responses.get(5)).statementId()).as("ids are not reused").isEqualTo(2);
        assertThat(responses).hasSize(6);
        assertThat(prepared.getFirst().closed).hasValue(1);
    }

    @Test
    void longDataIsUsedByTheNextExecutionOnlyAndResetDropsIt() {
        prepareWith(List.of(), parameters -> Results.ok());
        ComStmtExecute blob = new ComStmtExecute(1, 0, 1, true, List.of(new ParameterType(ColumnType.BLOB, false), BIGINT),
                List.of(SqlValue.ofBytes(new byte[] {9}), SqlValue.ofLong(1)));
        List<Wire.Frame> responses = script().handshake()
                .command(new ComStmtPrepare("insert into t values (?, ?)")::write)
                .command(new ComStmtSendLongData(1, 0, com.google.protobuf.ByteString.copyFromUtf8("ab"))::write)
                .command(new ComStmtSendLongData(1, 0, com.google.protobuf.ByteString.copyFromUtf8("cd"))::write)
                // the execute packet leaves out parameter 0, whose value came as long data
                .command(writer -> writer.writeInt1(CommandCode.COM_STMT_EXECUTE).writeInt4(1).writeInt1(0).writeInt4(1)
                        .writeInt1(0).writeInt1(1).writeInt2(ColumnType.BLOB).writeInt2(ColumnType.LONGLONG).writeInt8(5))
                .command(blob::write)
                .command(new ComStmtSendLongData(1, 0, com.google.protobuf.ByteString.copyFromUtf8("dropped"))::write)
                .command(new ComStmtReset(1)::write)
                .command(blob::write)
                .command(new ComStmtSendLongData(1, 2, com.google.protobuf.ByteString.copyFromUtf8("no such parameter"))::write)
                .command(blob::write)
                .command(blob::write)
                .responses();

        List<List<SqlValue>> executions = prepared.getFirst().executions;
        assertThat(executions.get(0)).containsExactly(SqlValue.ofBytes("abcd".getBytes()), SqlValue.ofLong(5));
        assertThat(executions.get(1)).containsExactly(SqlValue.ofBytes(new byte[] {9}), SqlValue.ofLong(1));
        // responses 0-3 answer the prepare (OK, two parameter definitions, EOF)
        assertThat(ok(responses.get(6))).as("COM_STMT_RESET").isEqualTo(OkPacket.of(0, 0, ServerStatus.AUTOCOMMIT, 0, ""));
        assertThat(executions.get(2)).containsExactly(SqlValue.ofBytes(new byte[] {9}), SqlValue.ofLong(1));
        assertThat(err(responses.get(8)).errno()).as("bad long data is reported by the next execution").isEqualTo(1210);
        assertThat(ok(responses.get(9)).affectedRows()).as("and then forgotten").isZero();
        assertThat(executions).hasSize(4);
        assertThat(responses).hasSize(10);
    }

    @Test
    void executionErrorsKeepTheirErrnoAndTheStatementStaysUsable() {
        prepareWith(List.of(), parameters -> {
            if (parameters.getFirst().isNull()) {
                throw VtException.of(VtCode.NOT_FOUND, SqlState.NO_SUCH_TABLE, "Table 'commerce.missing' doesn't exist");
            }
            return Results.ok(1, 0);
        });
        List<Wire.Frame> responses = script().handshake()
                .command(new ComStmtPrepare("bad ?")::write)
                .command(new ComStmtPrepare("delete from missing where id = ?")::write)
                .command(execute(1, List.of(BIGINT), SqlValue.NULL)::write)
                .command(execute(1, List.of(BIGINT), SqlValue.ofLong(1))::write)
                .command(writer -> writer.writeInt1(CommandCode.COM_STMT_EXECUTE).writeInt4(1).writeInt1(0).writeInt4(1).writeInt1(0))
                .responses();

        assertThat(err(responses.getFirst())).isEqualTo(new ErrPacket(1064, "42000", "syntax error at position 4 near 'bad'"));
        assertThat(prepareOk(responses.get(1)).statementId()).as("a refused prepare uses no id").isEqualTo(1);
        assertThat(err(responses.get(4))).isEqualTo(new ErrPacket(1146, "42S02", "Table 'commerce.missing' doesn't exist"));
        assertThat(ok(responses.get(5)).affectedRows()).isEqualTo(1);
        assertThat(err(responses.get(6))).isEqualTo(new ErrPacket(1835, "HY000", "Malformed communication packet"));
    }

    @Test
    void valueThatDoesNotFitItsColumnIsAnErrorBeforeAnyRowIsSent() {
        prepareWith(List.of(), parameters -> Results.resultSet(List.of(Results.field("n", Type.INT64)),
                List.of(Results.row("1"), Results.row("not a number"))));
        List<Wire.Frame> responses = script().handshake()
                .command(new ComStmtPrepare("select n from t")::write)
                .command(execute(1, List.of())::write)
                .command(CommandCode.COM_PING)
                .responses();

        assertThat(err(responses.get(1)).message()).contains("'not a number' is not a 64-bit integer");
        assertThat(responses.get(2).firstByte()).isEqualTo(OkPacket.HEADER);
        assertThat(responses).hasSize(3);
    }

    @Test
    void resetConnectionAndDisconnectCloseEveryStatement() {
        prepareWith(List.of(), parameters -> Results.ok());
        List<Wire.Frame> responses = script().handshake()
                .command(new ComStmtPrepare("do 1")::write)
                .command(CommandCode.COM_RESET_CONNECTION)
                .command(execute(1, List.of())::write)
                .command(new ComStmtPrepare("do 2")::write)
                .responses();

        assertThat(err(responses.get(2))).isEqualTo(UNKNOWN_STATEMENT_1);
        assertThat(prepared).hasSize(2);
        assertThat(prepared).allSatisfy(statement -> assertThat(statement.closed).hasValue(1));
    }

    @Test
    void aConnectionHoldsAtMostMaxPreparedStatements() {
        prepareWith(List.of(), parameters -> Results.ok());
        ConnectionScript script = script().handshake();
        for (int index = 0; index <= PreparedStatements.MAX_STATEMENTS; index++) {
            script.command(new ComStmtPrepare("do 1")::write);
        }
        List<Wire.Frame> responses = script.responses();

        assertThat(prepareOk(responses.get(PreparedStatements.MAX_STATEMENTS - 1)).statementId()).isEqualTo(PreparedStatements.MAX_STATEMENTS);
        assertThat(err(responses.getLast())).isEqualTo(new ErrPacket(1461, "42000",
                "Can't create more than max_prepared_stmt_count statements (current value: 16382)"));
        assertThat(prepared.getLast().closed).as("the refused statement is closed").hasValue(1);
    }

    @Test
    void sessionsWithoutPreparedStatementsAnswerUnknownCommand() {
        List<Wire.Frame> responses = script().handshake().command(new ComStmtPrepare("select ?")::write).responses();
        assertThat(err(responses.getFirst())).isEqualTo(new ErrPacket(1047, "08S01", "Unknown command"));
    }
}
