package io.jvitess.gateway.evaluation;

import io.jvitess.proto.query.Type;

/** Families of MySQL value types, as vtgate needs them to compare, add and print values. */
public final class SqlTypes {

    private SqlTypes() {
    }

    public static boolean isSigned(Type type) {
        return switch (type) {
            case INT8, INT16, INT24, INT32, INT64 -> true;
            default -> false;
        };
    }

    public static boolean isUnsigned(Type type) {
        return switch (type) {
            case UINT8, UINT16, UINT24, UINT32, UINT64, YEAR -> true;
            default -> false;
        };
    }

    public static boolean isIntegral(Type type) {
        return isSigned(type) || isUnsigned(type);
    }

    public static boolean isFloat(Type type) {
        return type == Type.FLOAT32 || type == Type.FLOAT64;
    }

    public static boolean isDecimal(Type type) {
        return type == Type.DECIMAL;
    }

    /** Numbers compared and added as numbers. */
    public static boolean isNumber(Type type) {
        return isIntegral(type) || isFloat(type) || isDecimal(type) || type == Type.BIT || type == Type.HEXNUM || type == Type.BITNUM;
    }

    /** Character strings, compared with a collation. */
    public static boolean isText(Type type) {
        return switch (type) {
            case VARCHAR, CHAR, TEXT, ENUM, SET, JSON -> true;
            default -> false;
        };
    }

    /** Byte strings, compared byte by byte. */
    public static boolean isBinary(Type type) {
        return switch (type) {
            case VARBINARY, BINARY, BLOB, HEXVAL, GEOMETRY -> true;
            default -> false;
        };
    }

    public static boolean isTemporal(Type type) {
        return switch (type) {
            case DATE, TIME, DATETIME, TIMESTAMP -> true;
            default -> false;
        };
    }
}
