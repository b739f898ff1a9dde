package io.jvitess.tablet.vstreamer;

import static java.util.Objects.requireNonNull;

/** Where a stream reads from: the source mysqld, the account to use and the source database. */
public record SourceEndpoint(String host, int port, String user, String password, String database) {

    public SourceEndpoint {
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(database, "database is null");
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://" + host + ":" + port + "/" + database
                + "?sslMode=disable&useServerPrepStmts=false&connectTimeout=5000&tinyInt1isBit=false";
    }
}
