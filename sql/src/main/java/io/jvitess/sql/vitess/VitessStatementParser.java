package io.jvitess.sql.vitess;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.sql.lexer.SqlLexer;
import io.jvitess.sql.lexer.SqlToken;
import io.jvitess.sql.lexer.SyntaxErrors;
import io.jvitess.sql.lexer.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Recognizes the statements of {@link VitessStatement} case-insensitively, with any whitespace and
 * comments between words. It runs before {@code SqlParser} on every query, so it gives up after the
 * first word or two of anything else.
 */
public final class VitessStatementParser {

    private static final Set<String> VEXPLAIN_MODES = Set.of("plan", "queries", "all", "trace", "keys");

    private VitessStatementParser() {
    }

    /**
     * The Vitess-only statement, or empty if sql is ordinary MySQL (then use SqlParser).
     *
     * @throws VtException a syntax error (1064) when the leading words are Vitess-only but the rest is
     *                     malformed, e.g. {@code show vitess_tablets where}
     */
    public static Optional<VitessStatement> parse(String sql) {
        requireNonNull(sql, "sql is null");
        Words words = new Words(sql);
        SqlToken first = words.next();
        if (first == null || first.type() != TokenType.WORD) {
            return Optional.empty();
        }
        return switch (first.text().toLowerCase(Locale.ROOT)) {
            case "use" -> Optional.of(parseUse(words));
            case "show" -> parseShow(words);
            case "select" -> parseSelectNext(words);
            case "vexplain" -> Optional.of(parseVExplain(words));
            case "explain" -> parseExplainFormatVitess(words);
            default -> Optional.empty();
        };
    }

    /** The target is the rest of the statement, which must be one unbroken run of characters. */
    private static Use parseUse(Words words) {
        StringBuilder target = new StringBuilder();
        SqlToken previous = null;
        for (SqlToken token = words.next(); token != null; token = words.next()) {
            if (previous != null && token.start() != previous.end() || token.type() == TokenType.STRING) {
                throw SyntaxErrors.near(token);
            }
            target.append(switch (token.type()) {
                case QUOTED_IDENTIFIER -> token.value();
                case VARIABLE -> unquoteVariable(token.text());
                default -> token.text();
            });
            previous = token;
        }
        return new Use(target.toString());
    }

    /** {@code @replica} stays, {@code @`replica`} loses its quotes. */
    private static String unquoteVariable(String text) {
        boolean quoted = text.length() > 2 && "`'\"".indexOf(text.charAt(1)) >= 0 && text.charAt(text.length() - 1) == text.charAt(1);
        return quoted ? "@" + text.substring(2, text.length() - 1) : text;
    }

    private static Optional<VitessStatement> parseShow(Words words) {
        SqlToken what = words.next();
        if (what == null || what.type() != TokenType.WORD) {
            return Optional.empty();
        }
        return switch (what.text().toLowerCase(Locale.ROOT)) {
            case "vitess_tablets" -> Optional.of(new ShowVitessTablets(like(words)));
            case "vitess_shards" -> Optional.of(new ShowVitessShards(like(words)));
            case "vitess_target" -> {
                words.expectEnd();
                yield Optional.of(new ShowVitessTarget());
            }
            case "keyspaces", "vitess_keyspaces" -> Optional.of(new ShowKeyspaces(like(words)));
            case "vitess_replication_status" -> Optional.of(new ShowVitessReplicationStatus(like(words)));
            case "databases", "schemas" -> {
                // SHOW DATABASES WHERE ... is plain MySQL; leave it to the general parser.
                if (words.peek() != null && !words.peek().isWord("like")) {
                    yield Optional.empty();
                }
                yield Optional.of(new ShowDatabases(like(words)));
            }
            case "vschema" -> Optional.of(parseShowVschema(words));
            default -> Optional.empty();
        };
    }

    /** An optional {@code LIKE 'pattern'} that ends the statement. */
    private static Optional<String> like(Words words) {
        if (words.peek() == null) {
            return Optional.empty();
        }
        words.expectWord("like");
        SqlToken pattern = words.expect(TokenType.STRING);
        words.expectEnd();
        return Optional.of(pattern.value());
    }

    private static VitessStatement parseShowVschema(Words words) {
        SqlToken what = words.expect(TokenType.WORD);
        switch (what.text().toLowerCase(Locale.ROOT)) {
            case "tables" -> {
                words.expectEnd();
                return new ShowVschemaTables();
            }
            case "keyspaces" -> {
                words.expectEnd();
                return new ShowVschemaKeyspaces();
            }
            case "vindexes" -> {
                if (words.peek() == null) {
                    return new ShowVschemaVindexes(Optional.empty());
                }
                SqlToken onOrFrom = words.next();
                if (!onOrFrom.isWord("on") && !onOrFrom.isWord("from")) {
                    throw SyntaxErrors.near(onOrFrom);
                }
                List<String> name = words.tableName();
                words.expectEnd();
                return new ShowVschemaVindexes(Optional.of(String.join(".", name)));
            }
            default -> throw SyntaxErrors.near(what);
        }
    }

    /** {@code NEXT VALUE} or {@code NEXT <integer> VALUES}, then {@code FROM|FOR [ks.]seq}. */
    private static Optional<VitessStatement> parseSelectNext(Words words) {
        SqlToken next = words.next();
        if (next == null || !next.isWord("next")) {
            return Optional.empty();
        }
        SqlToken amount = words.next();
        long count;
        if (amount != null && amount.isWord("value")) {
            count = 1;
        } else if (amount != null && amount.type() == TokenType.NUMBER && words.peek() != null && words.peek().isWord("values")) {
            words.next();
            count = parseCount(amount);
        } else {
            return Optional.empty();
        }
        SqlToken fromOrFor = words.next();
        if (fromOrFor == null) {
            throw SyntaxErrors.atEnd(words.sql);
        }
        if (!fromOrFor.isWord("from") && !fromOrFor.isWord("for")) {
            throw SyntaxErrors.near(fromOrFor);
        }
        List<String> name = words.tableName();
        words.expectEnd();
        return Optional.of(name.size() == 1
                ? new SelectNext(count, Optional.empty(), name.get(0))
                : new SelectNext(count, Optional.of(name.get(0)), name.get(1)));
    }

    private static long parseCount(SqlToken amount) {
        long count;
        try {
            count = Long.parseLong(amount.text());
        } catch (NumberFormatException notInteger) {
            throw SyntaxErrors.near(amount);
        }
        if (count < 1) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid number of sequence values to reserve: %d", count);
        }
        return count;
    }

    private static VExplain parseVExplain(Words words) {
        SqlToken mode = words.peek();
        SqlToken last = words.last;
        String modeName = "plan";
        if (mode != null && mode.type() == TokenType.WORD && VEXPLAIN_MODES.contains(mode.text().toLowerCase(Locale.ROOT))) {
            words.next();
            if (words.peek() == null) {
                throw SyntaxErrors.atEnd(words.sql);
            }
            modeName = mode.text().toLowerCase(Locale.ROOT);
            last = mode;
        }
        return new VExplain(modeName, words.queryAfter(last));
    }

    /** {@code EXPLAIN FORMAT=VITESS q} is VEXPLAIN PLAN; the older {@code FORMAT=VTEXPLAIN} is VEXPLAIN QUERIES. */
    private static Optional<VitessStatement> parseExplainFormatVitess(Words words) {
        SqlToken format = words.next();
        if (format == null || !format.isWord("format") || words.peek() == null || !words.next().isPunctuation("=")) {
            return Optional.empty();
        }
        SqlToken kind = words.next();
        String mode;
        if (kind != null && kind.isWord("vitess")) {
            mode = "plan";
        } else if (kind != null && kind.isWord("vtexplain")) {
            mode = "queries";
        } else {
            return Optional.empty();
        }
        return Optional.of(new VExplain(mode, words.queryAfter(kind)));
    }

    /** The significant tokens of one statement: comments skipped, trailing semicolons treated as the end. */
    private static final class Words {

        private final String sql;
        private final SqlLexer lexer;
        private SqlToken peeked;
        private SqlToken last;

        Words(String sql) {
            this.sql = sql;
            this.lexer = new SqlLexer(sql);
        }

        SqlToken peek() {
            if (peeked == null) {
                peeked = advance();
            }
            return peeked;
        }

        SqlToken next() {
            SqlToken token = peek();
            peeked = null;
            if (token != null) {
                last = token;
            }
            return token;
        }

        private SqlToken advance() {
            SqlToken token = lexer.next();
            while (token != null && token.isComment()) {
                token = lexer.next();
            }
            if (token != null && token.isPunctuation(";") && onlySemicolonsAfter(token)) {
                return null;
            }
            return token;
        }

        private boolean onlySemicolonsAfter(SqlToken semicolon) {
            return SqlLexer.tokenize(sql.substring(semicolon.end())).stream()
                    .allMatch(token -> token.isComment() || token.isPunctuation(";"));
        }

        SqlToken expect(TokenType type) {
            SqlToken token = next();
            if (token == null) {
                throw SyntaxErrors.atEnd(sql);
            }
            if (token.type() != type) {
                throw SyntaxErrors.near(token);
            }
            return token;
        }

        void expectWord(String word) {
            SqlToken token = expect(TokenType.WORD);
            if (!token.isWord(word)) {
                throw SyntaxErrors.near(token);
            }
        }

        void expectEnd() {
            SqlToken token = next();
            if (token != null) {
                throw SyntaxErrors.near(token);
            }
        }

        /** {@code name} or {@code qualifier.name}, unquoted. */
        List<String> tableName() {
            List<String> parts = new ArrayList<>();
            parts.add(identifier());
            if (peek() != null && peek().isPunctuation(".")) {
                next();
                parts.add(identifier());
            }
            return parts;
        }

        private String identifier() {
            SqlToken token = next();
            if (token == null) {
                throw SyntaxErrors.atEnd(sql);
            }
            if (!token.isIdentifier()) {
                throw SyntaxErrors.near(token);
            }
            return token.value();
        }

        /** The text after {@code token} up to the end, without trailing semicolons; it must not be empty. */
        String queryAfter(SqlToken token) {
            String query = sql.substring(token.end()).strip();
            while (query.endsWith(";")) {
                query = query.substring(0, query.length() - 1).strip();
            }
            if (query.isEmpty()) {
                throw SyntaxErrors.atEnd(sql);
            }
            return query;
        }
    }
}
