package io.jvitess.sql.vitess;

/** {@code SHOW VSCHEMA KEYSPACES}: each keyspace with its sharding and foreign-key mode. */
public record ShowVschemaKeyspaces() implements VitessStatement {
}
