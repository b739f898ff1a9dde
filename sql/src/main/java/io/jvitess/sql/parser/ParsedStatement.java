package io.jvitess.sql.parser;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import io.jvitess.sql.lexer.SqlLexer;
import io.jvitess.sql.lexer.SqlToken;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One statement parsed by {@link SqlParser}, with the facts vtgate needs before a real planner exists.
 * Everything is derived once from the original text and Druid's AST; callers that mutate {@link #ast()}
 * do not change these answers.
 *
 * <p>A statement that is entirely a MySQL executable comment ({@code /*!40101 SET NAMES utf8 *}{@code /},
 * as mysqldump writes) is described by the statement inside the comment; {@link #sql()} stays the
 * original text.
 */
public final class ParsedStatement {

    private final String sql;
    private final String body;
    private final int bodyStart;
    private final SQLStatement ast;
    private final StatementKind kind;
    private final List<TableName> tables;
    private final boolean readsOnly;
    private final Optional<List<SelectExpression>> selectWithoutFrom;
    private final List<SetAssignment> setAssignments;
    /** Significant tokens of {@link #body}, computed on first use (racy but idempotent). */
    private List<SqlToken> tokens;

    /**
     * @param sql       the text the caller gave
     * @param body      the part of it Druid parsed: all of it, or the inside of an executable comment
     * @param bodyStart where body starts in sql
     */
    ParsedStatement(String sql, String body, int bodyStart, SQLStatement ast) {
        this.sql = requireNonNull(sql, "sql is null");
        this.body = requireNonNull(body, "body is null");
        this.bodyStart = bodyStart;
        this.ast = requireNonNull(ast, "ast is null");
        this.kind = StatementClassifier.kindOf(ast);
        this.tables = TableCollector.collect(ast);
        this.readsOnly = StatementClassifier.readsOnly(kind, ast);
        this.selectWithoutFrom = kind == StatementKind.SELECT ? SelectListReader.read(body, tokens(), (SQLSelectStatement) ast) : Optional.empty();
        this.setAssignments = kind == StatementKind.SET ? SetAssignmentReader.read(body, tokens(), ast) : List.of();
    }

    public StatementKind kind() {
        return kind;
    }

    /** The original text. */
    public String sql() {
        return sql;
    }

    /**
     * Every table referenced (FROM, JOIN, subqueries, INSERT/UPDATE/DELETE targets, DDL targets, SHOW
     * CREATE TABLE t / SHOW COLUMNS FROM t / SHOW INDEX FROM t / SHOW TABLES FROM ks (as qualifier ks with
     * an empty name)), deduplicated, in order of appearance. DUAL and WITH names are not tables.
     */
    public List<TableName> tables() {
        return tables;
    }

    /** INSERT, REPLACE, UPDATE, DELETE. */
    public boolean isDml() {
        return switch (kind) {
            case INSERT, REPLACE, UPDATE, DELETE -> true;
            default -> false;
        };
    }

    /** SELECT/UNION/SHOW/EXPLAIN without FOR UPDATE, FOR SHARE or LOCK IN SHARE MODE anywhere. */
    public boolean readsOnly() {
        return readsOnly;
    }

    /**
     * SQL text with the given qualifiers removed from table names (e.g. keyspace names:
     * {@code select * from commerce.customer} -> {@code select * from customer}; also
     * {@code commerce.customer.col} column refs). Only the qualifiers are cut out; the rest of the text is
     * kept as written. Qualifiers match exactly (after removing backquotes), as Vitess keyspace names are
     * case-sensitive. Returns the original text untouched when nothing needed removal.
     */
    public String withoutQualifiers(Set<String> qualifiers) {
        requireNonNull(qualifiers, "qualifiers is null");
        if (qualifiers.stream().noneMatch(body::contains)) {
            return sql;
        }
        String rewritten = QualifierRemover.remove(body, tokens(), ast, qualifiers);
        if (rewritten.equals(body)) {
            return sql;
        }
        return sql.substring(0, bodyStart) + rewritten + sql.substring(bodyStart + body.length());
    }

    /**
     * For a SELECT with no FROM (or FROM DUAL), no INTO and no locking: the select expressions, so vtgate
     * can answer locally (e.g. @@version, database()). Empty for anything else, UNION included.
     */
    public Optional<List<SelectExpression>> selectWithoutFrom() {
        return selectWithoutFrom;
    }

    /**
     * For SET: the assignments in order; see {@link SetAssignment} for scopes, names and values. Empty
     * for other statements.
     */
    public List<SetAssignment> setAssignments() {
        return setAssignments;
    }

    /** Druid's AST for the later planner. For an executable comment, the AST of the statement inside. */
    public SQLStatement ast() {
        return ast;
    }

    private List<SqlToken> tokens() {
        List<SqlToken> known = tokens;
        if (known == null) {
            known = SqlLexer.significant(SqlLexer.tokenize(body));
            tokens = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return "ParsedStatement[" + kind + ": " + sql + "]";
    }
}
