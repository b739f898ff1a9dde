package io.jvitess.sql.lexer;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A forgiving MySQL tokenizer: it never fails, so malformed text still splits and still yields a
 * position for error messages. It knows quoting and comments exactly (that is what splitting and
 * slicing depend on) and everything else only coarsely. Tokens are produced on demand so callers that
 * look only at the first words of a long statement do not pay for the rest.
 */
public final class SqlLexer {

    private static final String[] OPERATORS = {"<=>", "->>", ":=", "<=", ">=", "<>", "!=", "||", "&&", "<<", ">>", "->"};

    private final String sql;
    private int position;

    public SqlLexer(String sql) {
        this.sql = requireNonNull(sql, "sql is null");
    }

    /** Every token of {@code sql}, comments included, whitespace dropped. */
    public static List<SqlToken> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        List<SqlToken> tokens = new ArrayList<>();
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            tokens.add(token);
        }
        return tokens;
    }

    /** The tokens that are not comments. */
    public static List<SqlToken> significant(List<SqlToken> tokens) {
        return tokens.stream().filter(token -> !token.isComment()).toList();
    }

    /** The next token, or null at the end of the text. */
    public SqlToken next() {
        while (position < sql.length() && Character.isWhitespace(sql.charAt(position))) {
            position++;
        }
        if (position >= sql.length()) {
            return null;
        }
        int start = position;
        char current = sql.charAt(start);
        return switch (current) {
            case '\'', '"' -> quoted(start, TokenType.STRING, current, true);
            case '`' -> quoted(start, TokenType.QUOTED_IDENTIFIER, '`', false);
            case '#' -> lineComment(start);
            case '@' -> variable(start);
            case '-' -> startsLineComment(start) ? lineComment(start) : operator(start);
            case '/' -> charAt(start + 1) == '*' ? blockComment(start) : operator(start);
            default -> {
                if (current >= '0' && current <= '9') {
                    yield number(start);
                }
                if (isIdentifierChar(current)) {
                    yield word(start);
                }
                yield operator(start);
            }
        };
    }

    /** Letters, digits, {@code _}, {@code $} and any non-ASCII character, as MySQL allows unquoted. */
    public static boolean isIdentifierChar(char character) {
        return character == '_' || character == '$' || character >= 0x80
                || (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
                || (character >= '0' && character <= '9');
    }

    private char charAt(int index) {
        return index < sql.length() ? sql.charAt(index) : '\0';
    }

    /** MySQL wants whitespace (or the end) after {@code --}; {@code 1--1} is arithmetic. */
    private boolean startsLineComment(int start) {
        return charAt(start + 1) == '-' && (start + 2 >= sql.length() || sql.charAt(start + 2) <= ' ');
    }

    private SqlToken token(TokenType type, int start, int end, boolean terminated) {
        position = end;
        return new SqlToken(type, start, end, sql.substring(start, end), terminated);
    }

    private SqlToken quoted(int start, TokenType type, char quote, boolean backslashEscapes) {
        int index = start + 1;
        while (index < sql.length()) {
            char current = sql.charAt(index);
            if (backslashEscapes && current == '\\') {
                index += 2;
            } else if (current == quote) {
                if (charAt(index + 1) == quote) {
                    index += 2;
                } else {
                    return token(type, start, index + 1, true);
                }
            } else {
                index++;
            }
        }
        return token(type, start, sql.length(), false);
    }

    private SqlToken lineComment(int start) {
        int end = sql.indexOf('\n', start);
        return token(TokenType.LINE_COMMENT, start, end < 0 ? sql.length() : end, true);
    }

    private SqlToken blockComment(int start) {
        int close = sql.indexOf("*/", start + 2);
        return close < 0 ? token(TokenType.BLOCK_COMMENT, start, sql.length(), false)
                : token(TokenType.BLOCK_COMMENT, start, close + 2, true);
    }

    private SqlToken variable(int start) {
        int index = start + 1;
        if (charAt(index) == '@') {
            index++;
        }
        char current = charAt(index);
        if (current == '`' || current == '\'' || current == '"') {
            SqlToken quotedName = quoted(index, TokenType.STRING, current, current != '`');
            return token(TokenType.VARIABLE, start, quotedName.end(), quotedName.terminated());
        }
        // Dots belong to the name: @@session.autocommit is one variable.
        while (index < sql.length() && (isIdentifierChar(sql.charAt(index)) || sql.charAt(index) == '.')) {
            index++;
        }
        return token(TokenType.VARIABLE, start, index, true);
    }

    private SqlToken number(int start) {
        int index = start;
        char second = charAt(start + 1);
        if (sql.charAt(start) == '0' && (second == 'x' || second == 'b')) {
            index = start + 2;
            while (index < sql.length() && isHexOrBinaryDigit(sql.charAt(index), second == 'x')) {
                index++;
            }
        } else {
            index = digits(index);
            if (charAt(index) == '.' && Character.isDigit(charAt(index + 1))) {
                index = digits(index + 1);
            } else if (charAt(index) == '.' && !isIdentifierChar(charAt(index + 1))) {
                index++;
            }
            char exponentSign = charAt(index + 1);
            if ((charAt(index) == 'e' || charAt(index) == 'E')
                    && (Character.isDigit(exponentSign) || ((exponentSign == '+' || exponentSign == '-') && Character.isDigit(charAt(index + 2))))) {
                index = digits(index + 2);
            }
        }
        // MySQL identifiers may start with digits (1abc, 80c0): then the whole run is a word.
        if (index < sql.length() && isIdentifierChar(sql.charAt(index))) {
            return word(start);
        }
        return token(TokenType.NUMBER, start, index, true);
    }

    private int digits(int index) {
        while (index < sql.length() && Character.isDigit(sql.charAt(index))) {
            index++;
        }
        return index;
    }

    private static boolean isHexOrBinaryDigit(char character, boolean hex) {
        return hex ? Character.digit(character, 16) >= 0 : character == '0' || character == '1';
    }

    private SqlToken word(int start) {
        int index = start;
        while (index < sql.length() && isIdentifierChar(sql.charAt(index))) {
            index++;
        }
        return token(TokenType.WORD, start, index, true);
    }

    private SqlToken operator(int start) {
        for (String operator : OPERATORS) {
            if (sql.startsWith(operator, start)) {
                return token(TokenType.PUNCTUATION, start, start + operator.length(), true);
            }
        }
        return token(TokenType.PUNCTUATION, start, start + 1, true);
    }
}
