package io.jvitess.mysql.packet;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;

import java.util.Locale;

/**
 * DATE, DATETIME, TIMESTAMP and TIME in the binary protocol. Each is a length byte and only the
 * fields up to the last non-zero one, as MySQL writes them: a date-time takes 0 (all zero), 4
 * (date), 7 (with time) or 11 bytes (with microseconds); a time 0, 8 (sign, days, h, m, s) or 12
 * (with microseconds). Text is MySQL's: {@code 2024-02-29 13:14:15.000123}, {@code -838:59:59}.
 */
final class BinaryTemporals {

    private BinaryTemporals() {
    }

    /** A DATE keeps its time only if one was sent; DATETIME and TIMESTAMP always show it. */
    static SqlValue readDateTime(PacketReader reader, Type type) {
        int length = reader.readInt1();
        if (length != 0 && length != 4 && length != 7 && length != 11) {
            throw new MalformedPacketException("date-time value of length " + length);
        }
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        if (length >= 4) {
            year = reader.readInt2();
            month = reader.readInt1();
            day = reader.readInt1();
        }
        if (length >= 7) {
            hour = reader.readInt1();
            minute = reader.readInt1();
            second = reader.readInt1();
        }
        if (length == 11) {
            micros = reader.readInt4();
        }
        String text = String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
        if (type != Type.DATE || hour != 0 || minute != 0 || second != 0 || micros != 0) {
            text += String.format(Locale.ROOT, " %02d:%02d:%02d", hour, minute, second) + fraction(micros);
        }
        return SqlValue.of(type, text);
    }

    static SqlValue readTime(PacketReader reader) {
        int length = reader.readInt1();
        if (length != 0 && length != 8 && length != 12) {
            throw new MalformedPacketException("time value of length " + length);
        }
        boolean negative = false;
        long hours = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        if (length >= 8) {
            negative = reader.readInt1() != 0;
            hours = reader.readInt4() * 24 + reader.readInt1();
            minute = reader.readInt1();
            second = reader.readInt1();
        }
        if (length == 12) {
            micros = reader.readInt4();
        }
        String text = (negative ? "-" : "") + String.format(Locale.ROOT, "%02d:%02d:%02d", hours, minute, second) + fraction(micros);
        return SqlValue.of(Type.TIME, text);
    }

    /** {@code YYYY-MM-DD[ HH:MM:SS[.ffffff]]}. */
    static void writeDateTime(PacketWriter writer, String text) {
        Cursor cursor = new Cursor(text);
        int year = cursor.number('-');
        int month = cursor.number('-');
        int day = cursor.number(' ', 'T');
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        if (cursor.hasMore()) {
            hour = cursor.number(':');
            minute = cursor.number(':');
            second = cursor.number('.');
            micros = cursor.micros();
        }
        cursor.end();
        if (year > 0xFFFF || month > 0xFF || day > 0xFF || hour > 0xFF || minute > 0xFF || second > 0xFF) {
            throw new IllegalArgumentException("'" + text + "' is not a date-time");
        }
        int length = micros != 0 ? 11 : (hour | minute | second) != 0 ? 7 : (year | month | day) != 0 ? 4 : 0;
        writer.writeInt1(length);
        if (length >= 4) {
            writer.writeInt2(year).writeInt1(month).writeInt1(day);
        }
        if (length >= 7) {
            writer.writeInt1(hour).writeInt1(minute).writeInt1(second);
        }
        if (length == 11) {
            writer.writeInt4(micros);
        }
    }

    /** {@code [-]H+:MM:SS[.ffffff]}; hours beyond a day are carried as days. */
    static void writeTime(PacketWriter writer, String text) {
        boolean negative = text.startsWith("-");
        Cursor cursor = new Cursor(negative ? text.substring(1) : text);
        long hours = cursor.number(':');
        int minute = cursor.number(':');
        int second = cursor.number('.');
        long micros = cursor.micros();
        cursor.end();
        if (minute > 0xFF || second > 0xFF) {
            throw new IllegalArgumentException("'" + text + "' is not a time");
        }
        if (hours == 0 && minute == 0 && second == 0 && micros == 0) {
            writer.writeInt1(0);
            return;
        }
        writer.writeInt1(micros != 0 ? 12 : 8);
        writer.writeInt1(negative ? 1 : 0);
        writer.writeInt4(hours / 24);
        writer.writeInt1((int) (hours % 24)).writeInt1(minute).writeInt1(second);
        if (micros != 0) {
            writer.writeInt4(micros);
        }
    }

    private static String fraction(long micros) {
        return micros == 0 ? "" : String.format(Locale.ROOT, ".%06d", micros);
    }

    /** Reads the decimal fields of a date or time text, each ended by one of the given separators or the end. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean hasMore() {
            return position < text.length();
        }

        int number(char... separators) {
            int start = position;
            long value = 0;
            while (position < text.length() && Character.isDigit(text.charAt(position)) && position - start < 9) {
                value = value * 10 + (text.charAt(position) - '0');
                position++;
            }
            if (position == start) {
                throw bad();
            }
            if (position < text.length()) {
                char separator = text.charAt(position);
                boolean expected = false;
                for (char candidate : separators) {
                    expected |= separator == candidate;
                }
                if (!expected) {
                    throw bad();
                }
                position++;
            }
            return (int) value;
        }

        /** Up to six fraction digits after the '.' that {@link #number} consumed, as microseconds. */
        long micros() {
            int start = position;
            long value = 0;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                if (position - start == 6) {
                    throw bad();
                }
                value = value * 10 + (text.charAt(position) - '0');
                position++;
            }
            for (int digits = position - start; digits < 6; digits++) {
                value *= 10;
            }
            return value;
        }

        void end() {
            if (position != text.length()) {
                throw bad();
            }
        }

        private IllegalArgumentException bad() {
            return new IllegalArgumentException("'" + text + "' is not a MySQL date or time");
        }
    }
}
