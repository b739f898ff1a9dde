package io.jvitess.gateway.planner;

import java.util.Locale;
import java.util.Set;

/** Words vtgate back-quotes when it prints a table name (MySQL reserved words plus a few Vitess keywords such as user). */
final class Keywords {

    private static final Set<String> RESERVED = Set.of(
            "accessible", "add", "all", "alter", "analyze", "and", "as", "asc", "before", "between", "bigint", "binary", "blob", "both",
            "by", "call", "cascade", "case", "change", "char", "character", "check", "collate", "column", "condition", "constraint",
            "continue", "convert", "create", "cross", "current_date", "current_time", "current_timestamp", "current_user", "cursor",
            "database", "databases", "day_hour", "dec", "decimal", "declare", "default", "delayed", "delete", "desc", "describe",
            "distinct", "div", "double", "drop", "dual", "each", "else", "elseif", "enclosed", "escaped", "exists", "exit", "explain",
            "false", "fetch", "float", "for", "force", "foreign", "from", "fulltext", "function", "generated", "get", "grant", "group",
            "groups", "having", "if", "ignore", "in", "index", "infile", "inner", "inout", "insert", "int", "integer", "interval", "into",
            "is", "iterate", "join", "key", "keys", "kill", "lateral", "leading", "leave", "left", "like", "limit", "lines", "load",
            "lock", "long", "loop", "match", "mod", "modifies", "natural", "not", "null", "numeric", "of", "on", "optimize", "option",
            "or", "order", "out", "outer", "over", "partition", "primary", "procedure", "range", "read", "reads", "real", "recursive",
            "references", "regexp", "release", "rename", "repeat", "replace", "require", "restrict", "return", "revoke", "right",
            "rlike", "row", "rows", "schema", "schemas", "select", "separator", "set", "show", "signal", "spatial", "sql", "status",
            "straight_join", "system", "table", "terminated", "then", "to", "trailing", "trigger", "true", "undo", "union", "unique",
            "unlock", "unsigned", "update", "usage", "use", "user", "using", "values", "varchar", "when", "where", "while", "window",
            "with", "write", "xor");

    private Keywords() {
    }

    static boolean isReserved(String word) {
        return RESERVED.contains(word.toLowerCase(Locale.ROOT));
    }
}
