package io.jvitess.tablet.mysql;

import com.google.protobuf.ByteString;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns JDBC results from mysqld into Vitess-shaped {@link QueryResult}s. Values keep MySQL's text
 * form (we run statements over the text protocol), binary columns keep their raw bytes.
 */
public final class ResultConverter {

    /** MySQL column flags carried in {@link Field#getFlags()}. */
    static final int NOT_NULL_FLAG = 1;
    static final int UNSIGNED_FLAG = 32;
    static final int BINARY_FLAG = 128;
    static final int AUTO_INCREMENT_FLAG = 512;
    static final int NUM_FLAG = 32768;

    private static final int BINARY_CHARSET = 63;
    private static final int UTF8MB4_GENERAL_CI = 45;

    private ResultConverter() {
    }

    public static List<Field> fields(ResultSetMetaData metaData) throws SQLException {
        int count = metaData.getColumnCount();
        List<Field> fields = new ArrayList<>(count);
        for (int column = 1; column <= count; column++) {
            fields.add(field(metaData, column));
        }
        return fields;
    }

    /** Reads up to {@code maxRows} rows (all when negative) from the cursor's current position. */
    public static List<Row> rows(ResultSet resultSet, List<Field> fields, int maxRows) throws SQLException {
        List<Row> rows = new ArrayList<>();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        while ((maxRows < 0 || rows.size() < maxRows) && resultSet.next()) {
            rows.add(row(resultSet, fields, buffer));
        }
        return rows;
    }

    public static QueryResult result(ResultSet resultSet) throws SQLException {
        List<Field> fields = fields(resultSet.getMetaData());
        return QueryResult.newBuilder()
                .addAllFields(fields)
                .addAllRows(rows(resultSet, fields, -1))
                .build();
    }

    private static Row row(ResultSet resultSet, List<Field> fields, ByteArrayOutputStream buffer) throws SQLException {
        buffer.reset();
        Row.Builder row = Row.newBuilder();
        for (int index = 0; index < fields.size(); index++) {
            byte[] value = isBinary(fields.get(index))
                    ? resultSet.getBytes(index + 1)
                    : textBytes(resultSet.getString(index + 1));
            if (value == null) {
                row.addLengths(-1);
            } else {
                row.addLengths(value.length);
                buffer.writeBytes(value);
            }
        }
        return row.setValues(ByteString.copyFrom(buffer.toByteArray())).build();
    }

    private static byte[] textBytes(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isBinary(Field field) {
        return switch (field.getType()) {
            case BLOB, VARBINARY, BINARY, BIT, GEOMETRY -> true;
            default -> false;
        };
    }

    static Field field(ResultSetMetaData metaData, int column) throws SQLException {
        String typeName = metaData.getColumnTypeName(column).toUpperCase(Locale.ROOT);
        boolean unsigned = typeName.endsWith(" UNSIGNED") || (!metaData.isSigned(column) && isIntegral(typeName));
        String baseName = typeName.replace(" UNSIGNED", "").trim();
        Type type = type(baseName, unsigned, metaData.getColumnType(column));
        int flags = 0;
        if (metaData.isNullable(column) == ResultSetMetaData.columnNoNulls) {
            flags |= NOT_NULL_FLAG;
        }
        if (unsigned) {
            flags |= UNSIGNED_FLAG;
        }
        if (metaData.isAutoIncrement(column)) {
            flags |= AUTO_INCREMENT_FLAG;
        }
        boolean binary = type == Type.BLOB || type == Type.VARBINARY || type == Type.BINARY;
        if (binary) {
            flags |= BINARY_FLAG;
        }
        if (isNumeric(type)) {
            flags |= NUM_FLAG;
        }
        boolean textual = type == Type.VARCHAR || type == Type.CHAR || type == Type.TEXT || type == Type.ENUM
                || type == Type.SET || type == Type.JSON;
        return Field.newBuilder()
                .setName(nullToEmpty(metaData.getColumnLabel(column)))
                .setOrgName(nullToEmpty(metaData.getColumnName(column)))
                .setTable(nullToEmpty(metaData.getTableName(column)))
                .setOrgTable(nullToEmpty(metaData.getTableName(column)))
                .setDatabase(nullToEmpty(metaData.getCatalogName(column)))
                .setType(type)
                .setColumnLength(Math.max(0, metaData.getColumnDisplaySize(column)))
                .setDecimals(Math.max(0, metaData.getScale(column)))
                .setCharset(textual ? UTF8MB4_GENERAL_CI : BINARY_CHARSET)
                .setFlags(flags)
                .build();
    }

    private static Type type(String name, boolean unsigned, int jdbcType) {
        return switch (name) {
            case "TINYINT", "BOOLEAN", "BOOL" -> unsigned ? Type.UINT8 : Type.INT8;
            case "SMALLINT" -> unsigned ? Type.UINT16 : Type.INT16;
            case "MEDIUMINT" -> unsigned ? Type.UINT24 : Type.INT24;
            case "INT", "INTEGER" -> unsigned ? Type.UINT32 : Type.INT32;
            case "BIGINT" -> unsigned ? Type.UINT64 : Type.INT64;
            case "FLOAT" -> Type.FLOAT32;
            case "DOUBLE", "REAL" -> Type.FLOAT64;
            case "DECIMAL", "NUMERIC" -> Type.DECIMAL;
            case "DATE" -> Type.DATE;
            case "TIME" -> Type.TIME;
            case "DATETIME" -> Type.DATETIME;
            case "TIMESTAMP" -> Type.TIMESTAMP;
            case "YEAR" -> Type.YEAR;
            case "BIT" -> Type.BIT;
            case "JSON" -> Type.JSON;
            case "ENUM" -> Type.ENUM;
            case "SET" -> Type.SET;
            case "GEOMETRY", "POINT", "LINESTRING", "POLYGON" -> Type.GEOMETRY;
            case "CHAR" -> Type.CHAR;
            case "BINARY" -> Type.BINARY;
            case "VARBINARY" -> Type.VARBINARY;
            case "VARCHAR" -> Type.VARCHAR;
            case "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT" -> Type.TEXT;
            case "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB" -> Type.BLOB;
            case "NULL" -> Type.NULL_TYPE;
            default -> fallbackType(jdbcType);
        };
    }

    private static Type fallbackType(int jdbcType) {
        return switch (jdbcType) {
            case java.sql.Types.BINARY, java.sql.Types.VARBINARY, java.sql.Types.LONGVARBINARY, java.sql.Types.BLOB -> Type.VARBINARY;
            case java.sql.Types.BIGINT -> Type.INT64;
            case java.sql.Types.INTEGER -> Type.INT32;
            case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> Type.DECIMAL;
            case java.sql.Types.DOUBLE -> Type.FLOAT64;
            case java.sql.Types.NULL -> Type.NULL_TYPE;
            default -> Type.VARCHAR;
        };
    }

    private static boolean isIntegral(String typeName) {
        return typeName.contains("INT");
    }

    private static boolean isNumeric(Type type) {
        return switch (type) {
            case INT8, UINT8, INT16, UINT16, INT24, UINT24, INT32, UINT32, INT64, UINT64, FLOAT32, FLOAT64, DECIMAL, YEAR -> true;
            default -> false;
        };
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
