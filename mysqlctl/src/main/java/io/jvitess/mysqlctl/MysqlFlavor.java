package io.jvitess.mysqlctl;

/** Which server family a mysqld binary belongs to; init commands, flags and GTID SQL differ between them. */
public enum MysqlFlavor {
    MARIADB,
    MYSQL
}
