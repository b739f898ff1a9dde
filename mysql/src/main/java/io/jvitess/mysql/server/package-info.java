/**
 * The MySQL protocol server: {@link io.jvitess.mysql.server.MysqlServer} accepts clients, logs them
 * in and turns their commands into calls on the {@link io.jvitess.mysql.server.MysqlSession} that the
 * gateway's {@link io.jvitess.mysql.server.MysqlHandler} opens for each connection.
 */
package io.jvitess.mysql.server;
