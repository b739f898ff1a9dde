package io.jvitess.sql.vitess;

/** {@code SHOW VITESS_TARGET}: the session's current target string. */
public record ShowVitessTarget() implements VitessStatement {
}
