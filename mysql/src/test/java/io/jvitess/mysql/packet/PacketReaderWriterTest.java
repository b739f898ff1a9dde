package io.jvitess.mysql.packet;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketReaderWriterTest {

    private static final HexFormat HEX = HexFormat.of();

    private static PacketReader reader(String hex) {
        return new PacketReader(HEX.parseHex(hex));
    }

    @ParameterizedTest
    @CsvSource({
            "0,                    00",
            "1,                    01",
            "250,                  fa",
            "251,                  fcfb00",
            "252,                  fcfc00",
            "65535,                fcffff",
            "65536,                fd000001",
            "16777215,             fdffffff",
            "16777216,             fe0000000100000000",
            "9223372036854775807,  feffffffffffffff7f",
            "-1,                   feffffffffffffffff",
    })
    void lengthEncodedIntegersAtTheBoundaries(long value, String hex) {
        assertThat(HEX.formatHex(new PacketWriter().writeLenencInt(value).toByteArray())).isEqualTo(hex);
        PacketReader reader = reader(hex);
        assertThat(reader.readLenencInt()).isEqualTo(value);
        assertThat(reader.hasRemaining()).isFalse();
    }

    @Test
    void fixedIntegersAreLittleEndian() {
        byte[] bytes = new PacketWriter()
                .writeInt1(0xAB)
                .writeInt2(0x1234)
                .writeInt3(0x56789A)
                .writeInt4(0xFEDCBA98L)
                .writeInt8(0x0102030405060708L)
                .toByteArray();
        assertThat(HEX.formatHex(bytes)).isEqualTo("ab" + "3412" + "9a7856" + "98badcfe" + "0807060504030201");

        PacketReader reader = new PacketReader(bytes);
        assertThat(reader.readInt1()).isEqualTo(0xAB);
        assertThat(reader.readInt2()).isEqualTo(0x1234);
        assertThat(reader.readInt3()).isEqualTo(0x56789A);
        assertThat(reader.readInt4()).isEqualTo(0xFEDCBA98L);
        assertThat(reader.readInt8()).isEqualTo(0x0102030405060708L);
        assertThat(reader.remaining()).isZero();
    }

    @Test
    void stringsInEachEncoding() {
        byte[] bytes = new PacketWriter()
                .writeLenencString("héllo")
                .writeNulString("db")
                .writeFixedString("#")
                .writeEofString("rest")
                .toByteArray();
        assertThat(HEX.formatHex(bytes)).isEqualTo("06" + "68c3a96c6c6f" + "646200" + "23" + "72657374");

        PacketReader reader = new PacketReader(bytes);
        assertThat(reader.readLenencString()).isEqualTo("héllo");
        assertThat(reader.readNulString()).isEqualTo("db");
        assertThat(reader.readFixedString(1)).isEqualTo("#");
        assertThat(reader.readEofString()).isEqualTo("rest");
        assertThat(reader.readEofString()).isEmpty();
    }

    @Test
    void lenencBytesFromAByteStringSlice() {
        ByteString values = ByteString.copyFromUtf8("abcdef");
        assertThat(new PacketWriter().writeLenencBytes(values, 2, 3).toByteArray()).isEqualTo(new byte[] {3, 'c', 'd', 'e'});
    }

    @Test
    void nulStringWithoutTerminatorRunsToTheEnd() {
        PacketReader reader = reader("6162");
        assertThat(reader.readNulString()).isEqualTo("ab");
        assertThat(reader.hasRemaining()).isFalse();
    }

    @Test
    void nulStringRejectsEmbeddedNul() {
        assertThatThrownBy(() -> new PacketWriter().writeNulString("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingPastTheEndIsMalformed() {
        assertThatThrownBy(() -> reader("01").readInt2()).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> reader("fc01").readLenencInt()).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> reader("0561").readLenencString()).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> reader("").readInt1()).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void nullAndErrorMarkersAreNotIntegers() {
        assertThatThrownBy(() -> reader("fb").readLenencInt()).isInstanceOf(MalformedPacketException.class).hasMessageContaining("0xfb");
        assertThatThrownBy(() -> reader("ff").readLenencInt()).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void writerGrowsPastItsInitialCapacity() {
        PacketWriter writer = new PacketWriter(1);
        for (int i = 0; i < 1000; i++) {
            writer.writeInt4(i);
        }
        assertThat(writer.length()).isEqualTo(4000);
        PacketReader reader = new PacketReader(writer.toByteArray());
        reader.skip(4 * 999);
        assertThat(reader.readInt4()).isEqualTo(999);
    }
}
