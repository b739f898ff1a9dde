package io.jvitess.sql.vitess;

/** {@code SHOW VSCHEMA TABLES}: the tables of the session keyspace's vschema. */
public record ShowVschemaTables() implements VitessStatement {
}
