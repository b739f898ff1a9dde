package io.jvitess.vttest;

import io.jvitess.mysqlctl.Mysqld;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Creates the per-shard databases on the cluster's one mysqld and loads the schema into them,
 * directly as vt_dba (as Vitess's vttest does), before any tablet serves them.
 */
final class ShardDatabases {

    private final Mysqld mysqld;

    ShardDatabases(Mysqld mysqld) {
        this.mysqld = requireNonNull(mysqld, "mysqld is null");
    }

    /**
     * vtcombo's database name for a shard: {@code vt_<keyspace>_<shard>}, shard names as they are
     * ({@code vt_customer_-80}); every statement quotes it, so the {@code -} is harmless.
     */
    static String databaseName(String keyspace, String shard) {
        return "vt_" + keyspace + "_" + shard;
    }

    void create(String database, List<KeyspaceSchema.Statement> statements) {
        try (Connection connection = DriverManager.getConnection(mysqld.jdbcUrl("", Mysqld.DBA_USER), Mysqld.DBA_USER, "");
             Statement statement = connection.createStatement()) {
            String quoted = "`" + database.replace("`", "``") + "`";
            statement.execute("CREATE DATABASE IF NOT EXISTS " + quoted);
            statement.execute("USE " + quoted);
            for (KeyspaceSchema.Statement schemaStatement : statements) {
                try {
                    statement.execute(schemaStatement.sql());
                } catch (SQLException e) {
                    throw new IllegalStateException(String.format("statement %d of %s failed in database %s: %s",
                            schemaStatement.number(), schemaStatement.file(), database, e.getMessage()), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + mysqld + ": " + e.getMessage(), e);
        }
    }
}
