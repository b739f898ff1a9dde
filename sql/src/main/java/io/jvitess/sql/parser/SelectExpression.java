package io.jvitess.sql.parser;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One expression of a SELECT without FROM. {@code text} is the expression as written (alias removed);
 * {@code alias} is the column label MySQL would show: the alias, else the text as written (a string
 * literal shows its value, NULL shows as {@code NULL}). {@code name} is set for variables and functions.
 */
public record SelectExpression(String text, String alias, ExpressionKind kind, Optional<String> name) {

    public SelectExpression {
        requireNonNull(text, "text is null");
        requireNonNull(alias, "alias is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
    }
}
