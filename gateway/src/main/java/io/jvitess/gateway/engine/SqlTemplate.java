package io.jvitess.gateway.engine;

import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.BoundValue;
import io.jvitess.gateway.evaluation.SqlLiterals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * A query with {@code :name} and {@code ::name} placeholders, split once at plan time so that
 * each execution only concatenates. Tablets take plain SQL, so rendering substitutes literals:
 * {@code :name} becomes a value, {@code ::name} (or {@code (::name)}) a parenthesised list.
 * Placeholders inside quotes and comments are left alone.
 */
public final class SqlTemplate {

    private sealed interface Segment {
    }

    private record Text(String text) implements Segment {
    }

    private record Placeholder(String name, boolean list) implements Segment {
    }

    private final String sql;
    private final List<Segment> segments;

    private SqlTemplate(String sql, List<Segment> segments) {
        this.sql = sql;
        this.segments = segments;
    }

    public static SqlTemplate parse(String sql) {
        requireNonNull(sql, "sql is null");
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int length = sql.length();
        int index = 0;
        while (index < length) {
            char character = sql.charAt(index);
            if (character == '\'' || character == '"' || character == '`') {
                int end = skipQuoted(sql, index, character);
                text.append(sql, index, end);
                index = end;
            } else if (character == '/' && index + 1 < length && sql.charAt(index + 1) == '*') {
                int close = sql.indexOf("*/", index + 2);
                int end = close < 0 ? length : close + 2;
                text.append(sql, index, end);
                index = end;
            } else if (character == ':' && index + 1 < length && (isNameStart(sql.charAt(index + 1))
                    || sql.charAt(index + 1) == ':' && index + 2 < length && isNameStart(sql.charAt(index + 2)))) {
                boolean list = sql.charAt(index + 1) == ':';
                int start = index + (list ? 2 : 1);
                int end = start;
                while (end < length && isNamePart(sql.charAt(end))) {
                    end++;
                }
                String name = sql.substring(start, end);
                index = end;
                if (list) {
                    index = collapseParentheses(sql, text, index);
                }
                if (!text.isEmpty()) {
                    segments.add(new Text(text.toString()));
                    text.setLength(0);
                }
                segments.add(new Placeholder(name, list));
            } else {
                text.append(character);
                index++;
            }
        }
        if (!text.isEmpty()) {
            segments.add(new Text(text.toString()));
        }
        return new SqlTemplate(sql, List.copyOf(segments));
    }

    /** The SQL with placeholders, as shown in plans. */
    public String sql() {
        return sql;
    }

    public boolean hasPlaceholders() {
        return segments.stream().anyMatch(Placeholder.class::isInstance);
    }

    public Set<String> placeholderNames() {
        Set<String> names = new TreeSet<>();
        for (Segment segment : segments) {
            if (segment instanceof Placeholder placeholder) {
                names.add(placeholder.name());
            }
        }
        return names;
    }

    public String render(BindVariables bindVariables) {
        if (segments.size() == 1 && segments.getFirst() instanceof Text only) {
            return only.text();
        }
        StringBuilder rendered = new StringBuilder(sql.length() + 32);
        for (Segment segment : segments) {
            switch (segment) {
                case Text text -> rendered.append(text.text());
                case Placeholder placeholder -> {
                    if (placeholder.list()) {
                        rendered.append(SqlLiterals.formatList(bindVariables.list(placeholder.name())));
                    } else {
                        BoundValue value = bindVariables.get(placeholder.name()).orElse(null);
                        if (value instanceof BoundValue.Tuple tuple) {
                            rendered.append(SqlLiterals.formatList(tuple.values()));
                        } else {
                            rendered.append(SqlLiterals.format(bindVariables.single(placeholder.name())));
                        }
                    }
                }
            }
        }
        return rendered.toString();
    }

    @Override
    public String toString() {
        return sql;
    }

    /** {@code (::list)} prints as {@code ::list}: the rendered list brings its own parentheses. */
    private static int collapseParentheses(String sql, StringBuilder text, int afterName) {
        int textEnd = text.length();
        while (textEnd > 0 && text.charAt(textEnd - 1) == ' ') {
            textEnd--;
        }
        if (textEnd == 0 || text.charAt(textEnd - 1) != '(') {
            return afterName;
        }
        int close = afterName;
        while (close < sql.length() && sql.charAt(close) == ' ') {
            close++;
        }
        if (close >= sql.length() || sql.charAt(close) != ')') {
            return afterName;
        }
        text.setLength(textEnd - 1);
        return close + 1;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int index = start + 1;
        while (index < sql.length()) {
            char character = sql.charAt(index);
            if (character == '\\' && quote != '`') {
                index += 2;
            } else if (character == quote) {
                if (index + 1 < sql.length() && sql.charAt(index + 1) == quote) {
                    index += 2;
                } else {
                    return index + 1;
                }
            } else {
                index++;
            }
        }
        return sql.length();
    }

    private static boolean isNameStart(char character) {
        return Character.isLetter(character) || character == '_';
    }

    private static boolean isNamePart(char character) {
        return Character.isLetterOrDigit(character) || character == '_';
    }
}
