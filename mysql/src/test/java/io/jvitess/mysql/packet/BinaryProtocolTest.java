package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.mysql.protocol.ColumnType;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.jvitess.mysql.packet.PacketFixtures.HEX;
import static io.jvitess.mysql.packet.PacketFixtures.hex;
import static io.jvitess.mysql.packet.PacketFixtures.reader;
import static io.jvitess.mysql.packet.PacketFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/** Golden bytes for the prepared statement packets and every value type of the binary protocol. */
class BinaryProtocolTest {

    /** One value: its type on the wire, its MySQL text form as Vitess holds it, and its binary encoding. */
    private record Case(String name, int columnType, boolean unsigned, SqlValue value, String hex) {
    }

    private static Case text(String name, int columnType, boolean unsigned, Type type, String value, String hex) {
        return new Case(name, columnType, unsigned, SqlValue.of(type, value), hex);
    }

    private static final List<Case> VALUES = List.of(
            text("tinyint", ColumnType.TINY, false, Type.INT8, "-128", "80"),
            text("tinyint unsigned", ColumnType.TINY, true, Type.UINT8, "255", "ff"),
            text("smallint", ColumnType.SHORT, false, Type.INT16, "-32768", "0080"),
            text("smallint unsigned", ColumnType.SHORT, true, Type.UINT16, "65535", "ffff"),
            text("year", ColumnType.YEAR, true, Type.YEAR, "2024", "e807"),
            text("mediumint", ColumnType.INT24, false, Type.INT24, "-8388608", "000080ff"),
            text("mediumint unsigned", ColumnType.INT24, true, Type.UINT24, "16777215", "ffffff00"),
            text("int", ColumnType.LONG, false, Type.INT32, "-2147483648", "00000080"),
            text("int unsigned", ColumnType.LONG, true, Type.UINT32, "4294967295", "ffffffff"),
            text("bigint", ColumnType.LONGLONG, false, Type.INT64, "-9223372036854775808", "0000000000000080"),
            text("bigint unsigned", ColumnType.LONGLONG, true, Type.UINT64, "18446744073709551615", "ffffffffffffffff"),
            text("float", ColumnType.FLOAT, false, Type.FLOAT32, "0.25", "0000803e"),
            text("double", ColumnType.DOUBLE, false, Type.FLOAT64, "-1.5", "000000000000f8bf"),
            text("decimal", ColumnType.NEWDECIMAL, false, Type.DECIMAL, "12.50", "0531322e3530"),
            text("old decimal", ColumnType.DECIMAL, false, Type.DECIMAL, "-0.001", "062d302e303031"),
            text("date", ColumnType.DATE, false, Type.DATE, "2024-02-29", "04e807021d"),
            text("zero date", ColumnType.DATE, false, Type.DATE, "0000-00-00", "00"),
            text("datetime", ColumnType.DATETIME, false, Type.DATETIME, "2024-02-29 13:14:15", "07e807021d0d0e0f"),
            text("datetime(6)", ColumnType.DATETIME, false, Type.DATETIME, "2024-02-29 13:14:15.000123", "0be807021d0d0e0f7b000000"),
            text("datetime at midnight", ColumnType.DATETIME, false, Type.DATETIME, "2024-02-29 00:00:00", "04e807021d"),
            text("zero datetime", ColumnType.DATETIME, false, Type.DATETIME, "0000-00-00 00:00:00", "00"),
            text("timestamp", ColumnType.TIMESTAMP, false, Type.TIMESTAMP, "1970-01-01 00:00:01", "07b207010100000 1".replace(" ", "")),
            text("time", ColumnType.TIME, false, Type.TIME, "-838:59:59", "080122000000163b3b"),
            text("time(6)", ColumnType.TIME, false, Type.TIME, "01:02:03.000004", "0c" + "00" + "00000000" + "010203" + "04000000"),
            text("zero time", ColumnType.TIME, false, Type.TIME, "00:00:00", "00"),
            text("varchar", ColumnType.VARCHAR, false, Type.VARCHAR, "héllo", "0668c3a96c6c6f"),
            text("var_string", ColumnType.VAR_STRING, false, Type.VARCHAR, "", "00"),
            text("char", ColumnType.STRING, false, Type.VARCHAR, "ab", "026162"),
            text("enum", ColumnType.ENUM, false, Type.VARCHAR, "small", "05736d616c6c"),
            text("set", ColumnType.SET, false, Type.VARCHAR, "a,b", "03612c62"),
            text("json", ColumnType.JSON, false, Type.VARCHAR, "{}", "027b7d"),
            new Case("blob", ColumnType.BLOB, false, SqlValue.ofBytes(new byte[] {0, (byte) 0xFF}), "0200ff"),
            new Case("tinyblob", ColumnType.TINY_BLOB, false, SqlValue.ofBytes(new byte[] {1}), "0101"),
            new Case("mediumblob", ColumnType.MEDIUM_BLOB, false, SqlValue.ofBytes(new byte[] {2}), "0102"),
            new Case("longblob", ColumnType.LONG_BLOB, false, SqlValue.ofBytes(new byte[] {3}), "0103"),
            new Case("bit", ColumnType.BIT, false, SqlValue.ofBytes(new byte[] {5}), "0105"),
            new Case("geometry", ColumnType.GEOMETRY, false, SqlValue.ofBytes(new byte[] {7, 8}), "020708"));

    @Test
    void everyTypeEncodesAndDecodesItsTextForm() {
        assertSoftly(softly -> {
            for (Case value : VALUES) {
                softly.assertThat(hex(writer -> BinaryValues.write(writer, value.columnType(), value.value()))).as(value.name()).isEqualTo(value.hex());
                PacketReader reader = reader(value.hex());
                softly.assertThat(BinaryValues.read(reader, value.columnType(), value.unsigned())).as(value.name()).isEqualTo(value.value());
                softly.assertThat(reader.hasRemaining()).as(value.name() + " consumed").isFalse();
            }
        });
    }

    @Test
    void clientsMayEncodeTemporalValuesLongerThanNeeded() {
        // a DATE sent with a zero time, and a DATETIME with zero microseconds, as some clients do
        assertThat(BinaryValues.read(reader("07e807021d000000"), ColumnType.DATE, false)).isEqualTo(SqlValue.of(Type.DATE, "2024-02-29"));
        assertThat(BinaryValues.read(reader("0be807021d0d0e0f00000000"), ColumnType.DATETIME, false))
                .isEqualTo(SqlValue.of(Type.DATETIME, "2024-02-29 13:14:15"));
        assertThat(BinaryValues.read(reader("0800000000000d0e0f"), ColumnType.TIME, false)).isEqualTo(SqlValue.of(Type.TIME, "13:14:15"));
        assertThat(hex(writer -> BinaryValues.write(writer, ColumnType.DATETIME, SqlValue.of(Type.DATETIME, "2024-02-29 13:14:15.5"))))
                .isEqualTo("0be807021d0d0e0f20a10700");
    }

    @Test
    void nullTypeHasNoBytes() {
        PacketReader reader = reader("ff");
        assertThat(BinaryValues.read(reader, ColumnType.NULL, false)).isEqualTo(SqlValue.NULL);
        assertThat(reader.remaining()).isEqualTo(1);
        assertThatThrownBy(() -> BinaryValues.write(new PacketWriter(), ColumnType.NULL, SqlValue.ofLong(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textThatIsNotOfTheColumnTypeIsRejected() {
        Map<Integer, String> bad = Map.of(
                ColumnType.TINY, "300",
                ColumnType.SHORT, "x",
                ColumnType.LONG, "4294967296",
                ColumnType.LONGLONG, "1.5",
                ColumnType.FLOAT, "abc",
                ColumnType.DATETIME, "2024/02/29",
                ColumnType.DATE, "2024-02-29 13:14:15.1234567",
                ColumnType.TIME, "12:3x:00");
        bad.forEach((columnType, text) -> assertThatThrownBy(
                () -> BinaryValues.write(new PacketWriter(), columnType, SqlValue.of(Type.VARCHAR, text)))
                .as("type %d text %s", columnType, text)
                .isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void malformedBinaryValuesAreRejected() {
        assertThatThrownBy(() -> BinaryValues.read(reader("00"), 0x14, false)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("unknown value type 20");
        assertThatThrownBy(() -> BinaryValues.read(reader("05e807021d00"), ColumnType.DATETIME, false))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> BinaryValues.read(reader("09000000000000000000"), ColumnType.TIME, false))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> BinaryValues.read(reader("0102"), ColumnType.LONGLONG, false)).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void binaryRowGoldenWithNullBitmapAtOffsetTwo() {
        List<Field> fields = List.of(field("id", Type.INT64), field("name", Type.VARCHAR), field("gone", Type.VARCHAR),
                field("at", Type.DATETIME));
        Row row = row("1", "a", null, "2024-02-29 13:14:15");
        String golden = "00" + "10" + "0100000000000000" + "0161" + "07e807021d0d0e0f";

        assertThat(hex(writer -> new BinaryRow(row).write(writer, columnTypes(fields)))).isEqualTo(golden);
        assertThat(BinaryRow.read(reader(golden), definitions(fields))).isEqualTo(new BinaryRow(row));
    }

    @Test
    void binaryRowNullBitmapGrowsPastSixColumns() {
        List<Field> fields = List.of(field("a", Type.INT8), field("b", Type.INT8), field("c", Type.INT8), field("d", Type.INT8),
                field("e", Type.INT8), field("f", Type.INT8), field("g", Type.UINT8));
        Row row = row(null, "1", "2", "3", "4", "5", null);
        // bits 2 and 8: column 0 in the first byte, column 6 in the second
        String golden = "00" + "0401" + "0102030405";

        assertThat(hex(writer -> new BinaryRow(row).write(writer, columnTypes(fields)))).isEqualTo(golden);
        assertThat(BinaryRow.read(reader(golden), definitions(fields)).row()).isEqualTo(row);
    }

    @Test
    void binaryRowRejectsRowsThatDoNotFitTheColumns() {
        Row tooShort = Row.newBuilder().addLengths(5).setValues(ByteString.copyFromUtf8("abc")).build();
        assertThatThrownBy(() -> new BinaryRow(tooShort).write(new PacketWriter(), new int[] {ColumnType.VAR_STRING}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lengths add up to 5");
        assertThatThrownBy(() -> BinaryRow.read(reader("0000" + "01" + "ff"), definitions(List.of(field("a", Type.INT8)))))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("1 bytes left");
    }

    @Test
    void prepareCommandsGolden() {
        ComStmtPrepare prepare = new ComStmtPrepare("select ?");
        assertThat(hex(prepare::write)).isEqualTo("16" + "73656c656374203f");
        assertThat(ComStmtPrepare.read(reader("1673656c656374203f"))).isEqualTo(prepare);

        ComStmtPrepareOk ok = new ComStmtPrepareOk(1, 2, 3, 0);
        assertThat(hex(ok::write)).isEqualTo("00" + "01000000" + "0200" + "0300" + "00" + "0000");
        assertThat(ComStmtPrepareOk.read(reader("00010000000200030000" + "0000"))).isEqualTo(ok);

        assertThat(hex(new ComStmtClose(0xFFFFFFFEL)::write)).isEqualTo("19" + "feffffff");
        assertThat(ComStmtClose.read(reader("19feffffff"))).isEqualTo(new ComStmtClose(0xFFFFFFFEL));
        assertThat(hex(new ComStmtReset(7)::write)).isEqualTo("1a" + "07000000");
        assertThat(ComStmtReset.read(reader("1a07000000"))).isEqualTo(new ComStmtReset(7));

        ComStmtSendLongData chunk = new ComStmtSendLongData(1, 2, ByteString.copyFromUtf8("abc"));
        assertThat(hex(chunk::write)).isEqualTo("18" + "01000000" + "0200" + "616263");
        assertThat(ComStmtSendLongData.read(reader("18010000000200616263"))).isEqualTo(chunk);

        assertThat(hex(new ParameterType(ColumnType.LONGLONG, true)::write)).isEqualTo("0880");
        assertThat(ParameterType.read(reader("fd00"))).isEqualTo(new ParameterType(ColumnType.VAR_STRING, false));
        assertThatThrownBy(() -> ComStmtClose.read(reader("1a07000000"))).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void executeGoldenWithTypesNullsAndValues() {
        List<ParameterType> types = List.of(new ParameterType(ColumnType.LONGLONG, false), new ParameterType(ColumnType.VAR_STRING, false),
                new ParameterType(ColumnType.VAR_STRING, false));
        ComStmtExecute execute = new ComStmtExecute(1, ComStmtExecute.CURSOR_TYPE_NO_CURSOR, 1, true, types,
                List.of(SqlValue.ofLong(5), SqlValue.NULL, SqlValue.ofString("ab")));
        String golden = "17" + "01000000" + "00" + "01000000" + "02" + "01" + "0800" + "fd00" + "fd00" + "0500000000000000" + "026162";

        assertThat(hex(execute::write)).isEqualTo(golden);
        assertThat(ComStmtExecute.readStatementId(HEX.parseHex(golden))).isEqualTo(1);
        assertThat(ComStmtExecute.read(reader(golden), 3, List.of(), Map.of())).isEqualTo(execute);
    }

    @Test
    void executeWithoutNewTypesUsesTheBoundOnes() {
        List<ParameterType> bound = List.of(new ParameterType(ColumnType.LONG, true), new ParameterType(ColumnType.DOUBLE, false));
        String golden = "17" + "02000000" + "00" + "01000000" + "00" + "00" + "ffffffff" + "000000000000f8bf";

        ComStmtExecute execute = ComStmtExecute.read(reader(golden), 2, bound, Map.of());

        assertThat(execute.newParametersBound()).isFalse();
        assertThat(execute.types()).isEqualTo(bound);
        assertThat(execute.parameters()).containsExactly(SqlValue.of(Type.UINT32, "4294967295"), SqlValue.of(Type.FLOAT64, "-1.5"));
        assertThat(hex(execute::write)).isEqualTo(golden);
        assertThatThrownBy(() -> ComStmtExecute.read(reader(golden), 2, List.of(), Map.of()))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("no parameter types");
    }

    @Test
    void executeTakesLongDataParametersFromTheirChunks() {
        // parameter 0 (a BLOB) came as long data and has no bytes here; parameter 1 is inline
        String packet = "17" + "01000000" + "00" + "01000000" + "00" + "01" + "fc00" + "0200" + "2a00";
        ComStmtExecute execute = ComStmtExecute.read(reader(packet), 2, List.of(), Map.of(0, ByteString.copyFrom(new byte[] {1, 2})));
        assertThat(execute.parameters()).containsExactly(SqlValue.ofBytes(new byte[] {1, 2}), SqlValue.of(Type.INT16, "42"));

        assertThat(BinaryValues.fromLongData(ColumnType.VAR_STRING, "text".getBytes(StandardCharsets.UTF_8))).isEqualTo(SqlValue.ofString("text"));
    }

    @Test
    void executeOfAStatementWithoutParametersEndsAfterTheIterationCount() {
        ComStmtExecute execute = new ComStmtExecute(9, 0, 1, false, List.of(), List.of());
        assertThat(hex(execute::write)).isEqualTo("17" + "09000000" + "00" + "01000000");
        assertThat(ComStmtExecute.read(reader("170900000000010000000000"), 0, List.of(), Map.of())).isEqualTo(execute);
        assertThatThrownBy(() -> ComStmtExecute.read(reader("1709000000"), 0, List.of(), Map.of())).isInstanceOf(MalformedPacketException.class);
    }

    private static Field field(String name, Type type) {
        return Field.newBuilder().setName(name).setType(type).build();
    }

    private static int[] columnTypes(List<Field> fields) {
        return definitions(fields).stream().mapToInt(ColumnDefinition41::columnType).toArray();
    }

    private static List<ColumnDefinition41> definitions(List<Field> fields) {
        return fields.stream().map(ColumnDefinition41::fromField).toList();
    }

}
