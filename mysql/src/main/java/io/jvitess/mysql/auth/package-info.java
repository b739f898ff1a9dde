/**
 * Client authentication: {@link io.jvitess.mysql.auth.AuthServer} implementations ("none" and
 * Vitess's "static" JSON users) and the {@code mysql_native_password} scramble arithmetic.
 */
package io.jvitess.mysql.auth;
