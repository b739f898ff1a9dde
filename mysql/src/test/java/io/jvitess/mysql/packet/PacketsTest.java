package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.mysql.protocol.CapabilityFlags;
import io.jvitess.mysql.protocol.ColumnFlags;
import io.jvitess.mysql.protocol.ColumnType;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static io.jvitess.mysql.packet.PacketFixtures.HEX;
import static io.jvitess.mysql.packet.PacketFixtures.hex;
import static io.jvitess.mysql.packet.PacketFixtures.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Golden bytes and round trips for each packet type. */
class PacketsTest {

    private static ByteString bytes(int from, int to) {
        byte[] bytes = new byte[to - from + 1];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (from + i);
        }
        return ByteString.copyFrom(bytes);
    }

    @Test
    void handshakeV10Golden() {
        HandshakeV10 greeting = new HandshakeV10("8.0.40-Vitess", 7, bytes(1, 20), CapabilityFlags.SERVER_DEFAULT, 255, 2,
                "mysql_native_password");
        String golden = "0a"
                + "382e302e34302d56697465737300"
                + "07000000"
                + "0102030405060708"
                + "00"
                + "0fa2"
                + "ff"
                + "0200"
                + "3f01"
                + "15"
                + "00000000000000000000"
                + "090a0b0c0d0e0f101112131400"
                + "6d7973716c5f6e61746976655f70617373776f726400";
        assertThat(hex(greeting::write)).isEqualTo(golden);
        assertThat(HandshakeV10.read(reader(golden))).isEqualTo(greeting);
    }

    @Test
    void handshakeResponse41RoundTrips() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("_client_name", "libmariadb");
        attributes.put("program_name", "mysql");
        int lenenc = CapabilityFlags.CLIENT_PROTOCOL_41 | CapabilityFlags.CLIENT_SECURE_CONNECTION | CapabilityFlags.CLIENT_PLUGIN_AUTH
                | CapabilityFlags.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA | CapabilityFlags.CLIENT_CONNECT_WITH_DB
                | CapabilityFlags.CLIENT_CONNECT_ATTRS;
        HandshakeResponse41 full = new HandshakeResponse41(lenenc, 16777216, 45, "root", bytes(100, 119), Optional.of("commerce"),
                Optional.of("mysql_native_password"), attributes);
        PacketWriter writer = new PacketWriter();
        full.write(writer);
        HandshakeResponse41 read = HandshakeResponse41.read(new PacketReader(writer.toByteArray()));
        assertThat(read).isEqualTo(full);
        assertThat(read.attributes().keySet()).containsExactly("_client_name", "program_name");

        int minimal = CapabilityFlags.CLIENT_PROTOCOL_41 | CapabilityFlags.CLIENT_SECURE_CONNECTION;
        HandshakeResponse41 old = new HandshakeResponse41(minimal, 1024, 8, "u", bytes(1, 20), Optional.empty(), Optional.empty(), Map.of());
        PacketWriter oldWriter = new PacketWriter();
        old.write(oldWriter);
        assertThat(HEX.formatHex(oldWriter.toByteArray())).isEqualTo("00820000" + "00040000" + "08" + "00".repeat(23) + "7500" + "14"
                + HEX.formatHex(bytes(1, 20).toByteArray()));
        assertThat(HandshakeResponse41.read(new PacketReader(oldWriter.toByteArray()))).isEqualTo(old);
    }

    @Test
    void handshakeResponseWithoutProtocol41IsRejected() {
        assertThatThrownBy(() -> HandshakeResponse41.read(reader("00800000" + "00000000" + "08" + "00".repeat(23) + "7500")))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("4.1");
    }

    @Test
    void sslRequestIsRecognised() {
        byte[] sslRequest = new byte[32];
        sslRequest[1] = (byte) 0x0A; // PROTOCOL_41 | SSL
        assertThat(HandshakeResponse41.isSslRequest(sslRequest)).isTrue();
        sslRequest[1] = (byte) 0x02;
        assertThat(HandshakeResponse41.isSslRequest(sslRequest)).isFalse();
        assertThat(HandshakeResponse41.isSslRequest(new byte[40])).isFalse();
    }

    @Test
    void authSwitchRequestGolden() {
        AuthSwitchRequest request = new AuthSwitchRequest("mysql_native_password", ByteString.copyFrom(new byte[] {1, 2, 0}));
        String golden = "fe" + "6d7973716c5f6e61746976655f70617373776f726400" + "010200";
        assertThat(hex(request::write)).isEqualTo(golden);
        assertThat(AuthSwitchRequest.read(reader(golden))).isEqualTo(request);
        assertThat(AuthSwitchResponse.read(reader("0a0b"))).isEqualTo(new AuthSwitchResponse(ByteString.copyFrom(new byte[] {10, 11})));
    }

    @Test
    void okPacketGolden() {
        assertThat(hex(OkPacket.of(1, 2, 0x0002, 0, "")::write)).isEqualTo("00" + "01" + "02" + "0200" + "0000");
        OkPacket withInfo = OkPacket.of(300, 0, 0x0003, 4, "hi");
        String golden = "00" + "fc2c01" + "00" + "0300" + "0400" + "02" + "6869";
        assertThat(hex(withInfo::write)).isEqualTo(golden);
        assertThat(OkPacket.read(reader(golden))).isEqualTo(withInfo);

        OkPacket end = OkPacket.endOfResultSet(0x000A, 1);
        assertThat(hex(end::write)).isEqualTo("fe" + "00" + "00" + "0a00" + "0100");
        assertThat(OkPacket.read(reader("fe00000a000100"))).isEqualTo(end);
        assertThat(hex(OkPacket.of(0, 0, 0, 70000, "")::write)).as("warnings saturate").endsWith("ffff");
    }

    @Test
    void errPacketGolden() {
        ErrPacket error = new ErrPacket(1045, "28000", "no");
        String golden = "ff" + "1504" + "23" + "3238303030" + "6e6f";
        assertThat(hex(error::write)).isEqualTo(golden);
        assertThat(ErrPacket.read(reader(golden))).isEqualTo(error);
        assertThat(ErrPacket.read(reader("ff" + "1504" + "6e6f"))).as("pre-4.1 error without state").isEqualTo(new ErrPacket(1045, "HY000", "no"));
        assertThat(ErrPacket.of(VtException.of(VtCode.NOT_FOUND, SqlState.BAD_DB, "Unknown database 'x'")))
                .isEqualTo(new ErrPacket(1049, "42000", "Unknown database 'x'"));
    }

    @Test
    void eofPacketGolden() {
        EofPacket eof = new EofPacket(1, 0x000A);
        assertThat(hex(eof::write)).isEqualTo("fe" + "0100" + "0a00");
        assertThat(EofPacket.read(reader("fe01000a00"))).isEqualTo(eof);
    }

    @Test
    void columnDefinitionGolden() {
        Field field = Field.newBuilder().setName("id").setOrgName("id").setTable("t").setOrgTable("t").setDatabase("db")
                .setType(Type.INT64).setColumnLength(20).setFlags(ColumnFlags.NOT_NULL | ColumnFlags.PRIMARY_KEY).build();
        ColumnDefinition41 column = ColumnDefinition41.fromField(field);
        String golden = "03646566" + "026462" + "0174" + "0174" + "026964" + "026964" + "0c" + "3f00" + "14000000" + "08" + "0300" + "00" + "0000";
        assertThat(hex(column::write)).isEqualTo(golden);
        assertThat(ColumnDefinition41.read(reader(golden))).isEqualTo(column);
        assertThat(hex(column::writeForFieldList)).isEqualTo(golden + "fb");
    }

    @Test
    void columnDefinitionFromFieldMergesTypeFlagsAndDefaultsTheCharacterSet() {
        ColumnDefinition41 unsigned = ColumnDefinition41.fromField(
                Field.newBuilder().setName("n").setType(Type.UINT32).setFlags(ColumnFlags.NOT_NULL).build());
        assertThat(unsigned.columnType()).isEqualTo(ColumnType.LONG);
        assertThat(unsigned.flags()).isEqualTo(ColumnFlags.NOT_NULL | ColumnFlags.UNSIGNED);
        assertThat(unsigned.characterSet()).isEqualTo(63);
        assertThat(unsigned.catalog()).isEqualTo("def");

        assertThat(ColumnDefinition41.fromField(Field.newBuilder().setName("s").setType(Type.VARCHAR).build()).characterSet()).isEqualTo(255);
        assertThat(ColumnDefinition41.fromField(Field.newBuilder().setName("s").setType(Type.VARCHAR).setCharset(33).build()).characterSet())
                .isEqualTo(33);
        ColumnDefinition41 binary = ColumnDefinition41.fromField(Field.newBuilder().setName("b").setType(Type.VARBINARY).build());
        assertThat(binary.flags() & ColumnFlags.BINARY).isNotZero();
        assertThat(binary.characterSet()).isEqualTo(63);
    }

    @Test
    void columnCountGolden() {
        assertThat(hex(new ColumnCount(3)::write)).isEqualTo("03");
        assertThat(hex(new ColumnCount(300)::write)).isEqualTo("fc2c01");
        assertThat(ColumnCount.read(reader("fc2c01"))).isEqualTo(new ColumnCount(300));
    }

    @Test
    void textRowGoldenWithNullAndEmptyValues() {
        Row row = Row.newBuilder().addLengths(1).addLengths(-1).addLengths(0).setValues(ByteString.copyFromUtf8("a")).build();
        TextRow textRow = new TextRow(row);
        assertThat(hex(writer -> textRow.write(writer, 3))).isEqualTo("0161" + "fb" + "00");
        assertThat(TextRow.read(reader("0161fb00"), 3)).isEqualTo(textRow);
    }

    @Test
    void textRowWithLongValueUsesTwoByteLength() {
        String value = "v".repeat(300);
        Row row = Row.newBuilder().addLengths(300).setValues(ByteString.copyFromUtf8(value)).build();
        String encoded = hex(writer -> new TextRow(row).write(writer, 1));
        assertThat(encoded).startsWith("fc2c01").hasSize((3 + 300) * 2);
        assertThat(TextRow.read(reader(encoded), 1).row()).isEqualTo(row);
    }

    @Test
    void textRowRejectsRowsThatDoNotFit() {
        Row shortValues = Row.newBuilder().addLengths(4).setValues(ByteString.copyFromUtf8("abc")).build();
        assertThatThrownBy(() -> new TextRow(shortValues).write(new PacketWriter(), 1)).hasMessageContaining("add up to 4");
        assertThatThrownBy(() -> new TextRow(shortValues).write(new PacketWriter(), 2)).hasMessageContaining("for 2 columns");
        assertThatThrownBy(() -> TextRow.read(reader("016100"), 1)).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void commandPacketsGolden() {
        assertThat(hex(new ComQuery("select 1")::write)).isEqualTo("03" + "73656c6563742031");
        assertThat(ComQuery.read(reader("0373656c6563742031"))).isEqualTo(new ComQuery("select 1"));
        assertThat(hex(new ComInitDb("db")::write)).isEqualTo("02" + "6462");
        assertThat(ComInitDb.read(reader("026462"))).isEqualTo(new ComInitDb("db"));
        assertThat(hex(new ComFieldList("users", "%")::write)).isEqualTo("04" + "7573657273" + "00" + "25");
        assertThat(ComFieldList.read(reader("0475736572730025"))).isEqualTo(new ComFieldList("users", "%"));
        assertThat(hex(new ComSetOption(ComSetOption.MULTI_STATEMENTS_OFF)::write)).isEqualTo("1b0100");
        assertThat(ComSetOption.read(reader("1b0000"))).isEqualTo(new ComSetOption(ComSetOption.MULTI_STATEMENTS_ON));
        assertThatThrownBy(() -> ComQuery.read(reader("0273"))).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("COM_INIT_DB");
    }
}
