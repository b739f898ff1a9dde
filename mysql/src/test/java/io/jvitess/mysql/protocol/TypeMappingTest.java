package io.jvitess.mysql.protocol;

import io.jvitess.proto.query.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class TypeMappingTest {

    @ParameterizedTest
    @CsvSource({
            // type,      column type, flags, text
            "NULL_TYPE,   6,   0,    false",
            "INT8,        1,   0,    false",
            "UINT8,       1,   32,   false",
            "INT16,       2,   0,    false",
            "UINT16,      2,   32,   false",
            "INT24,       9,   0,    false",
            "UINT24,      9,   32,   false",
            "INT32,       3,   0,    false",
            "UINT32,      3,   32,   false",
            "INT64,       8,   0,    false",
            "UINT64,      8,   32,   false",
            "FLOAT32,     4,   0,    false",
            "FLOAT64,     5,   0,    false",
            "DECIMAL,     246, 0,    false",
            "TIMESTAMP,   7,   0,    false",
            "DATE,        10,  0,    false",
            "TIME,        11,  0,    false",
            "DATETIME,    12,  0,    false",
            "YEAR,        13,  0,    false",
            "BIT,         16,  0,    false",
            "TEXT,        252, 16,   true",
            "BLOB,        252, 144,  false",
            "VARCHAR,     253, 0,    true",
            "VARBINARY,   253, 128,  false",
            "CHAR,        254, 0,    true",
            "BINARY,      254, 128,  false",
            "ENUM,        254, 256,  true",
            "SET,         254, 2048, true",
            "JSON,        245, 0,    true",
            "GEOMETRY,    255, 0,    false",
    })
    void mapsVitessTypesToMysqlColumnTypes(Type type, int columnType, int flags, boolean text) {
        assertThat(TypeMapping.toMysql(type)).isEqualTo(new TypeMapping.MysqlType(columnType, flags, text));
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void everyTypeHasAMapping(Type type) {
        TypeMapping.MysqlType mysql = TypeMapping.toMysql(type);
        assertThat(mysql.defaultCharacterSet()).isIn(CharacterSets.BINARY, CharacterSets.UTF8MB4_0900_AI_CI);
    }

    @Test
    void textTypesDefaultToUtf8mb4AndOthersToBinary() {
        assertThat(TypeMapping.toMysql(Type.VARCHAR).defaultCharacterSet()).isEqualTo(255);
        assertThat(TypeMapping.toMysql(Type.VARBINARY).defaultCharacterSet()).isEqualTo(63);
        assertThat(TypeMapping.toMysql(Type.INT64).defaultCharacterSet()).isEqualTo(63);
    }
}
