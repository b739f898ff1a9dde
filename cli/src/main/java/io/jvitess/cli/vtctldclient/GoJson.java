package io.jvitess.cli.vtctldclient;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * JSON the way Go's {@code json.MarshalIndent(value, "", "  ")} writes it, for the outputs vtctldclient builds from
 * Go structs rather than protos (VDiff summaries, workflow name lists). Maps are written in their iteration order:
 * pass a {@link java.util.LinkedHashMap} for a struct (field order) and a {@link java.util.TreeMap} for a Go map
 * (Go sorts map keys).
 */
final class GoJson {

    private GoJson() {
    }

    static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        switch (value) {
            case null -> out.append("null");
            case String text -> quote(out, text);
            case Boolean flag -> out.append(flag);
            case Double number -> out.append(number(number));
            case Float number -> out.append(number(number.doubleValue()));
            case Number number -> out.append(number);
            case Map<?, ?> map -> writeMap(out, map, indent);
            case List<?> list -> writeList(out, list, indent);
            default -> throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
        }
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map, String indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + "  ";
        out.append("{\n");
        int index = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(inner);
            quote(out, String.valueOf(entry.getKey()));
            out.append(": ");
            write(out, entry.getValue(), inner);
            out.append(++index < map.size() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    private static void writeList(StringBuilder out, List<?> list, String indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        String inner = indent + "  ";
        out.append("[\n");
        for (int index = 0; index < list.size(); index++) {
            out.append(inner);
            write(out, list.get(index), inner);
            out.append(index < list.size() - 1 ? ",\n" : "\n");
        }
        out.append(indent).append(']');
    }

    /** Go's shortest float form: {@code 100}, {@code 45.5}, never {@code 100.0}. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("unsupported JSON number " + value);
        }
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
    }

    /** Go escapes HTML-significant characters and the JavaScript line separators as well as the JSON specials. */
    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) character));
                default -> {
                    if (character < 0x20) {
                        out.append(String.format("\\u%04x", (int) character));
                    } else {
                        out.append(character);
                    }
                }
            }
        }
        out.append('"');
    }
}
