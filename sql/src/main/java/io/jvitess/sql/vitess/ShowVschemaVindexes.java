package io.jvitess.sql.vitess;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code SHOW VSCHEMA VINDEXES [ON|FROM [ks.]t]}: all vindexes of the session keyspace, or those of one
 * table, given unquoted as {@code t} or {@code ks.t}.
 */
public record ShowVschemaVindexes(Optional<String> table) implements VitessStatement {

    public ShowVschemaVindexes {
        requireNonNull(table, "table is null");
    }
}
