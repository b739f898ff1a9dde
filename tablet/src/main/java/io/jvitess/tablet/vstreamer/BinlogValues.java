package io.jvitess.tablet.vstreamer;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.BitSet;

/**
 * Converts values decoded by mysql-binlog-connector-java (compatibility modes DATE_AND_TIME_AS_LONG_MICRO
 * and CHAR_AND_BINARY_AS_BYTE_ARRAY) into SQL values with the text MySQL would print. Temporal values are
 * in UTC, so appliers must run with {@code time_zone='+00:00'}. ENUM and SET arrive as their numeric
 * index/bitmask, which MySQL accepts when they are written back.
 */
final class BinlogValues {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private BinlogValues() {
    }

    static boolean isNumeric(ColumnType type) {
        return switch (type) {
            case TINY, SHORT, INT24, LONG, LONGLONG, FLOAT, DOUBLE, DECIMAL, NEWDECIMAL -> true;
            default -> false;
        };
    }

    static SqlValue convert(Serializable value, ColumnType type, boolean unsigned) {
        if (value == null) {
            return SqlValue.NULL;
        }
        if (type == null) {
            return SqlValue.ofBytes(value instanceof byte[] bytes ? bytes : value.toString().getBytes(StandardCharsets.UTF_8));
        }
        return switch (type) {
            case TINY -> integral(((Number) value).longValue(), unsigned ? 0xFFL : -1);
            case SHORT -> integral(((Number) value).longValue(), unsigned ? 0xFFFFL : -1);
            case INT24 -> integral(((Number) value).longValue(), unsigned ? 0xFFFFFFL : -1);
            case LONG -> integral(((Number) value).longValue(), unsigned ? 0xFFFFFFFFL : -1);
            case LONGLONG -> unsigned ? SqlValue.ofUnsignedLong(((Number) value).longValue()) : SqlValue.ofLong(((Number) value).longValue());
            case YEAR, ENUM, SET -> SqlValue.ofLong(((Number) value).longValue());
            case FLOAT, DOUBLE -> SqlValue.of(Type.FLOAT64, value.toString());
            case DECIMAL, NEWDECIMAL -> SqlValue.of(Type.DECIMAL, ((BigDecimal) value).toPlainString());
            case DATE -> SqlValue.of(Type.DATE, dateTime((Long) value).substring(0, 10));
            case DATETIME, DATETIME_V2 -> SqlValue.of(Type.DATETIME, dateTime((Long) value));
            case TIMESTAMP, TIMESTAMP_V2 -> SqlValue.of(Type.TIMESTAMP, dateTime((Long) value));
            case TIME, TIME_V2 -> SqlValue.of(Type.TIME, time((Long) value));
            case BIT -> SqlValue.ofLong(bits((BitSet) value));
            default -> switch (value) {
                case byte[] bytes -> SqlValue.ofBytes(bytes);
                case Number number -> SqlValue.ofLong(number.longValue());
                default -> SqlValue.ofBytes(value.toString().getBytes(StandardCharsets.UTF_8));
            };
        };
    }

    private static SqlValue integral(long value, long unsignedMask) {
        return unsignedMask == -1 ? SqlValue.ofLong(value) : SqlValue.ofLong(value & unsignedMask);
    }

    private static long bits(BitSet bits) {
        long[] words = bits.toLongArray();
        return words.length == 0 ? 0 : words[0];
    }

    private static String dateTime(long epochMicros) {
        if (epochMicros == Long.MIN_VALUE) {
            return "0000-00-00 00:00:00";
        }
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        long micros = Math.floorMod(epochMicros, 1_000_000L);
        String text = LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC).format(DATE_TIME);
        return micros == 0 ? text : text + String.format(".%06d", micros);
    }

    private static String time(long micros) {
        String sign = micros < 0 ? "-" : "";
        long magnitude = Math.abs(micros);
        long seconds = magnitude / 1_000_000L;
        long fraction = magnitude % 1_000_000L;
        String text = String.format("%s%02d:%02d:%02d", sign, seconds / 3600, (seconds / 60) % 60, seconds % 60);
        return fraction == 0 ? text : text + String.format(".%06d", fraction);
    }
}
