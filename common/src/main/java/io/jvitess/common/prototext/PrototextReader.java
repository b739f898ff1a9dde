package io.jvitess.common.prototext;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

/** A minimal prototext reader: names, quoted strings, bare scalars and nested messages. */
public final class PrototextReader {
    private final String text;
    private int position;

    public PrototextReader(String text) {
        this.text = text;
    }

    public boolean atEnd() {
        skipSpace();
        return position >= text.length();
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    public String fieldName() {
        skipSpace();
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
            position++;
        }
        if (start == position) {
            throw error("field name");
        }
        String name = text.substring(start, position);
        skipSpace();
        if (position < text.length() && text.charAt(position) == ':') {
            position++;
        }
        return name;
    }

    public void open() {
        skipSpace();
        if (position >= text.length() || text.charAt(position) != '{') {
            throw error("'{'");
        }
        position++;
    }

    public boolean closeIfNext() {
        skipSpace();
        if (position >= text.length()) {
            throw error("'}'");
        }
        if (text.charAt(position) == '}') {
            position++;
            return true;
        }
        return false;
    }

    public String scalar() {
        skipSpace();
        if (position < text.length() && (text.charAt(position) == '"' || text.charAt(position) == '\'')) {
            char quote = text.charAt(position++);
            StringBuilder value = new StringBuilder();
            while (position < text.length() && text.charAt(position) != quote) {
                char character = text.charAt(position++);
                if (character == '\\' && position < text.length()) {
                    char escaped = text.charAt(position++);
                    if (escaped >= '0' && escaped <= '7' && position + 1 < text.length()) {
                        // \ooo: one byte as three octal digits, as protobuf prints bytes
                        value.append((char) Integer.parseInt(text.substring(position - 1, position + 2), 8));
                        position += 2;
                        continue;
                    }
                    value.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> escaped;
                    });
                } else {
                    value.append(character);
                }
            }
            if (position >= text.length()) {
                throw error("closing quote");
            }
            position++;
            return value.toString();
        }
        int start = position;
        while (position < text.length() && !Character.isWhitespace(text.charAt(position))
                && text.charAt(position) != '}' && text.charAt(position) != '{') {
            position++;
        }
        return text.substring(start, position);
    }

    public void skipValue() {
        skipSpace();
        if (position < text.length() && text.charAt(position) == '{') {
            position++;
            while (!closeIfNext()) {
                fieldName();
                skipValue();
            }
        } else {
            scalar();
        }
    }

    private VtException error(String expected) {
        return VtException.of(VtCode.INVALID_ARGUMENT, "cannot parse prototext: expected %s at offset %d in %s",
                expected, position, text);
    }
}
