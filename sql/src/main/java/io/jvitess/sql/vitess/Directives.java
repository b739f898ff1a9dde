package io.jvitess.sql.vitess;

import io.jvitess.sql.lexer.SqlLexer;
import io.jvitess.sql.lexer.SqlToken;
import io.jvitess.sql.lexer.TokenType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code /*vt+ KEY=VALUE KEY2 ... *}{@code /} directives at the start of a statement or right after its
 * first word ({@code select /*vt+ QUERY_TIMEOUT_MS=10 *}{@code /} 1), where Vitess looks for them.
 * Keys are upper-case; a bare KEY maps to "true"; a value may be quoted to hold spaces. When a key
 * repeats, the last one wins.
 */
public record Directives(Map<String, String> values) {

    private static final String PREFIX = "/*vt+";
    private static final Directives NONE = new Directives(Map.of());

    public Directives {
        requireNonNull(values, "values is null");
        Map<String, String> upperCased = new LinkedHashMap<>();
        values.forEach((key, value) -> upperCased.put(key.toUpperCase(Locale.ROOT), requireNonNull(value, "value is null")));
        values = Collections.unmodifiableMap(upperCased);
    }

    public static Directives parse(String sql) {
        requireNonNull(sql, "sql is null");
        Map<String, String> values = new LinkedHashMap<>();
        SqlLexer lexer = new SqlLexer(sql);
        boolean seenVerb = false;
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            if (token.type() == TokenType.BLOCK_COMMENT) {
                if (token.text().startsWith(PREFIX) && token.terminated()) {
                    parseInto(token.text().substring(PREFIX.length(), token.text().length() - 2), values);
                }
            } else if (token.isComment() || token.isPunctuation("(") && !seenVerb) {
                // Line comments and the parentheses of (select ...) come before the verb.
            } else if (!seenVerb) {
                seenVerb = true;
            } else {
                break;
            }
        }
        return values.isEmpty() ? NONE : new Directives(values);
    }

    /** True if the key is present with a true value (1, true, on, ...), as Vitess's IsSet. */
    public boolean isSet(String key) {
        return get(key).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "t", "true", "on", "yes" -> true;
            default -> false;
        }).orElse(false);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key.toUpperCase(Locale.ROOT)));
    }

    private static void parseInto(String body, Map<String, String> values) {
        int index = 0;
        while (index < body.length()) {
            while (index < body.length() && Character.isWhitespace(body.charAt(index))) {
                index++;
            }
            int keyStart = index;
            while (index < body.length() && !Character.isWhitespace(body.charAt(index)) && body.charAt(index) != '=') {
                index++;
            }
            String key = body.substring(keyStart, index);
            if (key.isEmpty() && index >= body.length()) {
                return;
            }
            if (index < body.length() && body.charAt(index) == '=') {
                index++;
                StringBuilder value = new StringBuilder();
                index = readValue(body, index, value);
                if (!key.isEmpty()) {
                    values.put(key.toUpperCase(Locale.ROOT), value.toString());
                }
            } else if (!key.isEmpty()) {
                values.put(key.toUpperCase(Locale.ROOT), "true");
            }
        }
    }

    /** Reads a bare or quoted value into {@code value}; returns the index after it. */
    private static int readValue(String body, int index, StringBuilder value) {
        char quote = index < body.length() ? body.charAt(index) : ' ';
        if (quote == '\'' || quote == '"') {
            int close = body.indexOf(quote, index + 1);
            int end = close < 0 ? body.length() : close;
            value.append(body, index + 1, end);
            return close < 0 ? end : close + 1;
        }
        int end = index;
        while (end < body.length() && !Character.isWhitespace(body.charAt(end))) {
            end++;
        }
        value.append(body, index, end);
        return end;
    }
}
