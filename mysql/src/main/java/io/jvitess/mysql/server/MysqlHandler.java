package io.jvitess.mysql.server;

/** Creates the session behind each client connection; the gateway implements it. Must be thread-safe. */
public interface MysqlHandler {

    /** Called once a connection has authenticated. Throwing VtException rejects the connection with that ERR packet. */
    MysqlSession openSession(ConnectionInfo connection);
}
