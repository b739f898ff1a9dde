package io.jvitess.tablet.sequence;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.Type;
import io.jvitess.sql.lexer.SqlLexer;
import io.jvitess.sql.lexer.SqlToken;
import io.jvitess.sql.lexer.TokenType;
import io.jvitess.sql.vitess.SelectNext;
import io.jvitess.sql.vitess.VitessStatement;
import io.jvitess.sql.vitess.VitessStatementParser;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Recognizes the statements vtgate sends for sequences: {@code select next value from t},
 * {@code select next 3 values from t} and {@code select next :n /* INT64 *}{@code / values from t}
 * (the count as a bind variable). Only the first three words are looked at for other statements,
 * so every query can pass through here cheaply.
 */
public final class NextValuesParser {

    private static final long MAX_UNSIGNED_BITS = 64;
    /** Go's sqltypes flagIsQuoted: types whose values Vitess prints quoted in errors. */
    private static final int QUOTED_TYPE_FLAG = 2048;

    private NextValuesParser() {
    }

    /**
     * The sequence request in {@code sql}, or empty if it is another statement.
     *
     * @throws VtException {@code invalid increment for sequence t: INT64(0)} for a count that is not a
     *                     positive integer, {@code missing bind var n}, or a syntax error in the rest
     */
    public static Optional<NextValuesRequest> parse(String sql, Map<String, BindVariable> bindVariables) {
        requireNonNull(sql, "sql is null");
        requireNonNull(bindVariables, "bindVariables is null");
        SqlLexer lexer = new SqlLexer(sql);
        if (!isWord(significant(lexer), "select") || !isWord(significant(lexer), "next")) {
            return Optional.empty();
        }
        SqlToken amount = significant(lexer);
        if (amount == null) {
            return Optional.empty();
        }
        if (amount.isWord("value")) {
            return table(sql).map(name -> new NextValuesRequest(name.keyspace(), name.table(), 1));
        }
        int amountEnd;
        String bindName = null;
        if (amount.type() == TokenType.NUMBER) {
            amountEnd = amount.end();
        } else if (amount.isPunctuation(":")) {
            SqlToken name = lexer.next();
            if (name == null || name.type() != TokenType.WORD || name.start() != amount.end()) {
                return Optional.empty();
            }
            bindName = name.text();
            amountEnd = name.end();
        } else {
            return Optional.empty();
        }
        // The shared parser validates the shape; the amount is evaluated here so errors name the table as Vitess does.
        Optional<SelectNext> statement = table(sql.substring(0, amount.start()) + "1" + sql.substring(amountEnd));
        if (statement.isEmpty()) {
            return Optional.empty();
        }
        SelectNext shape = statement.get();
        SqlValue value = bindName == null ? literal(amount.text()) : bindVariable(bindName, bindVariables);
        String displayName = shape.keyspace().map(keyspace -> keyspace + "." + shape.table()).orElse(shape.table());
        return Optional.of(new NextValuesRequest(shape.keyspace(), shape.table(), count(value, displayName)));
    }

    private static Optional<SelectNext> table(String sql) {
        Optional<VitessStatement> statement = VitessStatementParser.parse(sql);
        return statement.filter(SelectNext.class::isInstance).map(SelectNext.class::cast);
    }

    private static SqlValue bindVariable(String name, Map<String, BindVariable> bindVariables) {
        BindVariable variable = bindVariables.get(name);
        if (variable == null) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "missing bind var %s", name);
        }
        return SqlValue.fromBindVariable(variable);
    }

    /** The type Vitess gives a numeric literal: INT64, UINT64 beyond it, DECIMAL, FLOAT64 with an exponent. */
    static SqlValue literal(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            return SqlValue.of(Type.HEXNUM, text);
        }
        if (lower.startsWith("0b")) {
            return SqlValue.of(Type.BITNUM, text);
        }
        if (lower.contains("e")) {
            return SqlValue.of(Type.FLOAT64, text);
        }
        if (lower.contains(".")) {
            return SqlValue.of(Type.DECIMAL, text);
        }
        BigInteger number = new BigInteger(text);
        if (number.bitLength() < Long.SIZE) {
            return SqlValue.of(Type.INT64, text);
        }
        return SqlValue.of(number.bitLength() <= MAX_UNSIGNED_BITS ? Type.UINT64 : Type.DECIMAL, text);
    }

    /** Vitess accepts only integral values that fit an int64 and are at least 1. */
    private static long count(SqlValue value, String displayName) {
        if (value.isIntegral()) {
            try {
                long count = Long.parseLong(value.text());
                if (count >= 1) {
                    return count;
                }
            } catch (NumberFormatException tooLarge) {
                // reported below like any other unusable value
            }
        }
        throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid increment for sequence %s: %s", displayName, describe(value));
    }

    /** Go's sqltypes.Value.String(): {@code INT64(3)}, {@code VARCHAR("x")}, {@code NULL}. */
    static String describe(SqlValue value) {
        if (value.isNull()) {
            return "NULL";
        }
        boolean quoted = (value.type().getNumber() & QUOTED_TYPE_FLAG) != 0;
        return value.type().name() + "(" + (quoted ? goQuote(value.raw()) : value.text()) + ")";
    }

    private static String goQuote(byte[] raw) {
        StringBuilder quoted = new StringBuilder("\"");
        String text = new String(raw, StandardCharsets.UTF_8);
        text.codePoints().forEach(codePoint -> {
            switch (codePoint) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (codePoint < 0x20 || codePoint == 0x7f) {
                        quoted.append(String.format("\\x%02x", codePoint));
                    } else {
                        quoted.appendCodePoint(codePoint);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }

    private static SqlToken significant(SqlLexer lexer) {
        SqlToken token = lexer.next();
        while (token != null && token.isComment()) {
            token = lexer.next();
        }
        return token;
    }

    private static boolean isWord(SqlToken token, String word) {
        return token != null && token.isWord(word);
    }
}
