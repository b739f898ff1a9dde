package io.jvitess.tablet.mysql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Connection pools from a tablet to its own mysqld: {@code app} runs application queries as
 * {@code vt_app} (which read_only stops on replicas), {@code dba} runs administration as
 * {@code vt_dba}. Pools are created even while mysqld is down, so a tablet can start first and
 * begin serving once mysqld answers.
 */
public final class MysqlConnector implements AutoCloseable {

    public static final String APP_USER = "vt_app";
    public static final String DBA_USER = "vt_dba";

    private final String host;
    private final int port;
    private final String databaseName;
    private final HikariDataSource appPool;
    private final HikariDataSource dbaPool;

    public MysqlConnector(String host, int port, String databaseName, int appPoolSize) {
        this.host = requireNonNull(host, "host is null");
        this.port = port;
        this.databaseName = requireNonNull(databaseName, "databaseName is null");
        this.appPool = pool("app", APP_USER, appPoolSize);
        this.dbaPool = pool("dba", DBA_USER, 4);
    }

    private HikariDataSource pool(String name, String user, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mysql-" + name + "-" + port);
        config.setJdbcUrl(jdbcUrl(host, port, ""));
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        // Start even if mysqld is not up yet: the tablet reports NOT_SERVING until it is.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    public static String jdbcUrl(String host, int port, String database) {
        return "jdbc:mariadb://" + host + ":" + port + "/" + database
                + "?sslMode=disable&useServerPrepStmts=false&allowPublicKeyRetrieval=true&connectTimeout=5000";
    }

    public String databaseName() {
        return databaseName;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** An application connection with the tablet's database selected. */
    public Connection app() {
        Connection connection = borrow(appPool);
        try {
            if (!databaseName.equals(connection.getCatalog())) {
                connection.setCatalog(databaseName);
            }
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw MysqlErrors.fromSql(e, "use " + databaseName, APP_USER);
        }
    }

    /** An administrative connection with no database selected. */
    public Connection dba() {
        return borrow(dbaPool);
    }

    private static Connection borrow(HikariDataSource pool) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw VtException.of(VtCode.UNAVAILABLE, "cannot connect to mysqld: %s", e.getMessage());
        }
    }

    public static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the pool discards broken connections itself
        }
    }

    @Override
    public void close() {
        appPool.close();
        dbaPool.close();
    }
}
