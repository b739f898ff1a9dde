package io.jvitess.sql.lexer;

import static java.util.Objects.requireNonNull;

/**
 * One token of MySQL text: its class, its {@code [start, end)} offsets in the source and the raw text.
 * {@code terminated} is false for a quote or block comment that runs off the end of the input.
 */
public record SqlToken(TokenType type, int start, int end, String text, boolean terminated) {

    public SqlToken {
        requireNonNull(type, "type is null");
        requireNonNull(text, "text is null");
        if (start < 0 || end < start || text.length() != end - start) {
            throw new IllegalArgumentException("bad token span [" + start + ", " + end + ") for '" + text + "'");
        }
    }

    public boolean isComment() {
        return type == TokenType.BLOCK_COMMENT || type == TokenType.LINE_COMMENT;
    }

    /** A {@code /*!...*}{@code /} comment, whose content MySQL executes as SQL. */
    public boolean isExecutableComment() {
        return type == TokenType.BLOCK_COMMENT && text.startsWith("/*!");
    }

    public boolean isIdentifier() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER;
    }

    /** An unquoted word equal to {@code word}, ignoring case (keywords). */
    public boolean isWord(String word) {
        return type == TokenType.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isPunctuation(String symbol) {
        return type == TokenType.PUNCTUATION && text.equals(symbol);
    }

    /**
     * The meaning of the token: identifiers without backquotes, strings without quotes and with MySQL
     * escapes resolved; other tokens as written.
     */
    public String value() {
        return switch (type) {
            case QUOTED_IDENTIFIER -> unquote(text, '`', false);
            case STRING -> unquote(text, text.charAt(0), true);
            default -> text;
        };
    }

    private String unquote(String quoted, char quote, boolean backslashEscapes) {
        int last = terminated ? quoted.length() - 1 : quoted.length();
        StringBuilder value = new StringBuilder(quoted.length());
        for (int index = 1; index < last; index++) {
            char current = quoted.charAt(index);
            if (current == quote && index + 1 < last && quoted.charAt(index + 1) == quote) {
                value.append(quote);
                index++;
            } else if (backslashEscapes && current == '\\' && index + 1 < last) {
                index++;
                appendEscaped(value, quoted.charAt(index));
            } else {
                value.append(current);
            }
        }
        return value.toString();
    }

    /** MySQL's string escapes; {@code \%} and {@code \_} keep the backslash so LIKE patterns survive. */
    private static void appendEscaped(StringBuilder value, char escaped) {
        switch (escaped) {
            case '0' -> value.append('\0');
            case 'b' -> value.append('\b');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'Z' -> value.append('\u001A');
            case '%', '_' -> value.append('\\').append(escaped);
            default -> value.append(escaped);
        }
    }
}
