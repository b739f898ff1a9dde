package io.jvitess.sql.parser;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table reference without backquotes, case kept: {@code name} or {@code qualifier.name}. The name is
 * empty only for a reference to a whole database, e.g. {@code SHOW TABLES FROM ks}.
 */
public record TableName(Optional<String> qualifier, String name) {

    public TableName {
        requireNonNull(qualifier, "qualifier is null");
        requireNonNull(name, "name is null");
        if (name.isEmpty() && qualifier.isEmpty()) {
            throw new IllegalArgumentException("a table name needs a name or a qualifier");
        }
    }

    public static TableName of(String name) {
        return new TableName(Optional.empty(), name);
    }

    public static TableName of(String qualifier, String name) {
        return new TableName(Optional.of(qualifier), name);
    }

    /** {@code qualifier.name}, just {@code name} when unqualified, just {@code qualifier} for a whole database. */
    public String qualifiedOrName() {
        if (qualifier.isEmpty()) {
            return name;
        }
        return name.isEmpty() ? qualifier.get() : qualifier.get() + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedOrName();
    }
}
