package io.jvitess.tablet.tabletcontrol;

import io.jvitess.sql.lexer.SqlLexer;
import io.jvitess.sql.lexer.SqlToken;
import io.jvitess.common.errors.VtException;
import io.jvitess.sql.parser.ParsedStatement;
import io.jvitess.sql.parser.SqlParser;
import io.jvitess.sql.parser.StatementKind;
import io.jvitess.sql.parser.TableName;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The table names a statement may touch, for the denied-tables rule. Statements whose tables the
 * parser collects exactly (queries, DML, DDL, SHOW, EXPLAIN) give their table names; anything else
 * (a parse failure, {@code select next N values from seq}, CALL, executable comments, ...) falls
 * back to every identifier in the text, which may over-match but never misses a table.
 */
final class QueryTables {

    private static final Set<StatementKind> EXACT = EnumSet.of(StatementKind.SELECT, StatementKind.UNION, StatementKind.INSERT,
            StatementKind.REPLACE, StatementKind.UPDATE, StatementKind.DELETE, StatementKind.DDL, StatementKind.SHOW, StatementKind.EXPLAIN);

    private QueryTables() {
    }

    /** Unqualified names (a qualifier names a database, and the rule is about this tablet's tables whatever it is). */
    static Set<String> referencedBy(String sql) {
        requireNonNull(sql, "sql is null");
        if (!sql.contains("/*!")) {
            Set<String> parsed = parsedTables(sql);
            if (parsed != null) {
                return parsed;
            }
        }
        Set<String> identifiers = new LinkedHashSet<>();
        collectIdentifiers(sql, identifiers);
        return identifiers;
    }

    /** The parser's table list, or null when the statement is not one whose tables it knows exactly. */
    private static Set<String> parsedTables(String sql) {
        ParsedStatement statement;
        try {
            statement = SqlParser.parse(sql);
        } catch (VtException unparsable) {
            return null;
        }
        if (!EXACT.contains(statement.kind())) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (TableName table : statement.tables()) {
            if (!table.name().isEmpty()) {
                names.add(table.name());
            }
        }
        return names;
    }

    private static void collectIdentifiers(String sql, Set<String> identifiers) {
        for (SqlToken token : SqlLexer.tokenize(sql)) {
            if (token.isIdentifier()) {
                identifiers.add(token.value());
            } else if (token.isExecutableComment()) {
                collectIdentifiers(executableBody(token.text()), identifiers);
            }
        }
    }

    /** {@code /*!50001 text *}{@code /} without its markers and version number. */
    private static String executableBody(String comment) {
        int start = 3;
        while (start < comment.length() && Character.isDigit(comment.charAt(start))) {
            start++;
        }
        int end = comment.endsWith("*/") ? comment.length() - 2 : comment.length();
        return start < end ? comment.substring(start, end) : "";
    }
}
