package io.jvitess.mysql.protocol;

import io.jvitess.proto.query.Type;

import static java.util.Objects.requireNonNull;

/**
 * Maps Vitess's {@link Type} onto the MySQL column type, flags and default character set a client
 * expects. Clients pick their decoders from these (e.g. the CLI right-aligns numeric types, JDBC
 * returns byte[] for binary character sets), so the mapping decides how results look to users.
 */
public final class TypeMapping {

    /** The wire representation of one Vitess type. {@code text} types default to utf8mb4, the rest to binary. */
    public record MysqlType(int columnType, int flags, boolean text) {

        /** The collation to send when the field does not carry one. */
        public int defaultCharacterSet() {
            return text ? CharacterSets.UTF8MB4_0900_AI_CI : CharacterSets.BINARY;
        }
    }

    private TypeMapping() {
    }

    public static MysqlType toMysql(Type type) {
        requireNonNull(type, "type is null");
        return switch (type) {
            case NULL_TYPE -> binary(ColumnType.NULL, 0);
            case INT8 -> binary(ColumnType.TINY, 0);
            case UINT8 -> binary(ColumnType.TINY, ColumnFlags.UNSIGNED);
            case INT16 -> binary(ColumnType.SHORT, 0);
            case UINT16 -> binary(ColumnType.SHORT, ColumnFlags.UNSIGNED);
            case INT24 -> binary(ColumnType.INT24, 0);
            case UINT24 -> binary(ColumnType.INT24, ColumnFlags.UNSIGNED);
            case INT32 -> binary(ColumnType.LONG, 0);
            case UINT32 -> binary(ColumnType.LONG, ColumnFlags.UNSIGNED);
            case INT64 -> binary(ColumnType.LONGLONG, 0);
            case UINT64 -> binary(ColumnType.LONGLONG, ColumnFlags.UNSIGNED);
            case FLOAT32 -> binary(ColumnType.FLOAT, 0);
            case FLOAT64 -> binary(ColumnType.DOUBLE, 0);
            case DECIMAL -> binary(ColumnType.NEWDECIMAL, 0);
            case TIMESTAMP -> binary(ColumnType.TIMESTAMP, 0);
            case DATE -> binary(ColumnType.DATE, 0);
            case TIME -> binary(ColumnType.TIME, 0);
            case DATETIME -> binary(ColumnType.DATETIME, 0);
            case YEAR -> binary(ColumnType.YEAR, 0);
            case BIT -> binary(ColumnType.BIT, 0);
            case TEXT -> text(ColumnType.BLOB, ColumnFlags.BLOB);
            case BLOB -> binary(ColumnType.BLOB, ColumnFlags.BLOB | ColumnFlags.BINARY);
            case VARCHAR -> text(ColumnType.VAR_STRING, 0);
            case VARBINARY -> binary(ColumnType.VAR_STRING, ColumnFlags.BINARY);
            case CHAR -> text(ColumnType.STRING, 0);
            case BINARY -> binary(ColumnType.STRING, ColumnFlags.BINARY);
            case ENUM -> text(ColumnType.STRING, ColumnFlags.ENUM);
            case SET -> text(ColumnType.STRING, ColumnFlags.SET);
            case JSON -> text(ColumnType.JSON, 0);
            case GEOMETRY -> binary(ColumnType.GEOMETRY, 0);
            // Vitess-internal literal types never come from MySQL; if one leaks into a result, bytes are the safe reading.
            case TUPLE, EXPRESSION, HEXNUM, HEXVAL, BITNUM, UNRECOGNIZED -> binary(ColumnType.VAR_STRING, ColumnFlags.BINARY);
        };
    }

    private static MysqlType binary(int columnType, int flags) {
        return new MysqlType(columnType, flags, false);
    }

    private static MysqlType text(int columnType, int flags) {
        return new MysqlType(columnType, flags, true);
    }
}
