package io.jvitess.benchmarks;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.Type;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Rows shaped like sysbench's {@code sbtest1 (id int, k int, c char(120), pad char(60))}, with
 * sysbench's values: c is ten groups of eleven random digits joined by '-', pad five groups.
 * Seeded, so every run measures the same bytes.
 */
final class SysbenchRows {

    static final String KEYSPACE = "sbtest";
    static final String TABLE = "sbtest1";
    /** The column definitions MySQL sends for {@code select id, k, c, pad from sbtest1} (utf8mb4_0900_ai_ci). */
    static final List<Field> FIELDS = List.of(
            field("id", Type.INT32, 11, 63),
            field("k", Type.INT32, 11, 63),
            field("c", Type.CHAR, 480, 255),
            field("pad", Type.CHAR, 240, 255));

    private final Random random;

    SysbenchRows(long seed) {
        random = new Random(seed);
    }

    int nextK() {
        return 1 + random.nextInt(1_000_000);
    }

    /** One row of {@link #FIELDS} with the given id and random k, c and pad. */
    List<SqlValue> row(int id) {
        return List.of(int32(id), int32(nextK()), SqlValue.of(Type.CHAR, digitGroups(10)), SqlValue.of(Type.CHAR, digitGroups(5)));
    }

    static SqlValue int32(int value) {
        return SqlValue.of(Type.INT32, Integer.toString(value));
    }

    /**
     * What {@code weight_string(c)} returns for these values: two bytes per character in the
     * character's order, like utf8mb4_0900_ai_ci's primary weights ('-' sorts before the digits).
     */
    static SqlValue weightString(SqlValue text) {
        byte[] characters = text.text().getBytes(StandardCharsets.US_ASCII);
        byte[] weight = new byte[characters.length * 2];
        for (int index = 0; index < characters.length; index++) {
            int character = characters[index];
            weight[2 * index] = (byte) (Character.isDigit(character) ? 0x1E : 0x02);
            weight[2 * index + 1] = (byte) (Character.isDigit(character) ? 0x0C + character - '0' : 0x0D);
        }
        return new SqlValue(Type.VARBINARY, weight);
    }

    private String digitGroups(int groups) {
        StringBuilder text = new StringBuilder(groups * 12);
        for (int group = 0; group < groups; group++) {
            if (group > 0) {
                text.append('-');
            }
            for (int digit = 0; digit < 11; digit++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        return text.toString();
    }

    private static Field field(String name, Type type, int columnLength, int charset) {
        return Field.newBuilder()
                .setName(name).setOrgName(name)
                .setTable(TABLE).setOrgTable(TABLE).setDatabase(KEYSPACE)
                .setType(type).setColumnLength(columnLength).setCharset(charset)
                .build();
    }
}
