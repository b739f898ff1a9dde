package io.jvitess.sql.split;

import io.jvitess.sql.lexer.SqlLexer;
import io.jvitess.sql.lexer.SqlToken;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Splits the text of one COM_QUERY into statements, the way MySQL does for CLIENT_MULTI_STATEMENTS.
 * There is no DELIMITER support: that is a mysql client command and never reaches the server, so a
 * stored-program body sent as one query must not contain top-level semicolons.
 */
public final class StatementSplitter {

    private StatementSplitter() {
    }

    /**
     * Splits a multi-statement COM_QUERY on top-level ';', respecting '..', "..", `..` quoting (with
     * backslash and doubled-quote escapes), -- and # line comments, /* *&#47; block comments (comments
     * stay with the statement they are in, e.g. /*vt+ ...*&#47; and MySQL /*! ...*&#47; hints). Returns
     * trimmed non-empty statements without the trailing ';'. A piece holding only comments is not a
     * statement and is dropped, except an executable /*! ...*&#47; comment, which MySQL runs.
     */
    public static List<String> split(String sql) {
        requireNonNull(sql, "sql is null");
        String trimmed = sql.strip();
        if (trimmed.indexOf(';') < 0 && !mayStartWithComment(trimmed)) {
            // The common case: one statement, no need to tokenize it.
            return trimmed.isEmpty() ? List.of() : List.of(trimmed);
        }
        List<String> statements = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql);
        int pieceStart = 0;
        boolean pieceHasContent = false;
        for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
            if (token.isPunctuation(";")) {
                addPiece(statements, sql.substring(pieceStart, token.start()), pieceHasContent);
                pieceStart = token.end();
                pieceHasContent = false;
            } else if (!token.isComment() || token.isExecutableComment()) {
                pieceHasContent = true;
            }
        }
        addPiece(statements, sql.substring(pieceStart), pieceHasContent);
        return List.copyOf(statements);
    }

    private static boolean mayStartWithComment(String text) {
        return text.startsWith("/") || text.startsWith("#") || text.startsWith("-");
    }

    private static void addPiece(List<String> statements, String piece, boolean hasContent) {
        if (hasContent) {
            statements.add(piece.strip());
        }
    }
}
