package io.jvitess.tablet;

import io.jvitess.proto.topodata.TabletAlias;
import io.jvitess.proto.topodata.TabletType;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Everything a vttablet is told at startup (Vitess's vttablet flags).
 *
 * @param grpcPort           0 picks a free port; the bound port is what the tablet registers in the topo
 * @param replicationManaged true (a normal vttablet) points mysqld replication at the shard primary and
 *                           switches read_only; false is Vitess's vtcombo mode (vttestserver), where every
 *                           tablet of a shard serves the same database of one mysqld and the tablet never
 *                           touches replication or read_only
 */
public record TabletConfig(
        TabletAlias alias,
        String hostname,
        String keyspace,
        String shard,
        TabletType initTabletType,
        String databaseName,
        int grpcPort,
        int httpPort,
        String mysqlHost,
        int mysqlPort,
        Duration healthCheckInterval,
        Duration transactionTimeout,
        int appPoolSize,
        int maxResultRows,
        boolean replicationManaged) {

    public TabletConfig {
        requireNonNull(alias, "alias is null");
        requireNonNull(hostname, "hostname is null");
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(shard, "shard is null");
        requireNonNull(initTabletType, "initTabletType is null");
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(mysqlHost, "mysqlHost is null");
        requireNonNull(healthCheckInterval, "healthCheckInterval is null");
        requireNonNull(transactionTimeout, "transactionTimeout is null");
        if (initTabletType != TabletType.REPLICA && initTabletType != TabletType.RDONLY) {
            throw new IllegalArgumentException("init tablet type must be replica or rdonly, got " + initTabletType);
        }
    }

    /** A normal tablet that manages replication. */
    public TabletConfig(TabletAlias alias, String hostname, String keyspace, String shard, TabletType initTabletType,
                        String databaseName, int grpcPort, int httpPort, String mysqlHost, int mysqlPort,
                        Duration healthCheckInterval, Duration transactionTimeout, int appPoolSize, int maxResultRows) {
        this(alias, hostname, keyspace, shard, initTabletType, databaseName, grpcPort, httpPort, mysqlHost, mysqlPort,
                healthCheckInterval, transactionTimeout, appPoolSize, maxResultRows, true);
    }

    /** Vitess's local-example defaults for tablet uid U: grpc 16000+U, http 15000+U, mysqld 17000+U, database vt_<keyspace>. */
    public static TabletConfig defaults(TabletAlias alias, String keyspace, String shard, TabletType initTabletType) {
        int uid = alias.getUid();
        return new TabletConfig(alias, "localhost", keyspace, shard, initTabletType, "vt_" + keyspace,
                16000 + uid, 15000 + uid, "127.0.0.1", 17000 + uid, Duration.ofSeconds(5), Duration.ofSeconds(30),
                16, 10000);
    }

    public TabletConfig withPorts(int grpcPort, int mysqlPort) {
        return new TabletConfig(alias, hostname, keyspace, shard, initTabletType, databaseName, grpcPort, httpPort,
                mysqlHost, mysqlPort, healthCheckInterval, transactionTimeout, appPoolSize, maxResultRows, replicationManaged);
    }

    public TabletConfig withHealthCheckInterval(Duration interval) {
        return new TabletConfig(alias, hostname, keyspace, shard, initTabletType, databaseName, grpcPort, httpPort,
                mysqlHost, mysqlPort, interval, transactionTimeout, appPoolSize, maxResultRows, replicationManaged);
    }

    public TabletConfig withDatabaseName(String name) {
        return new TabletConfig(alias, hostname, keyspace, shard, initTabletType, name, grpcPort, httpPort,
                mysqlHost, mysqlPort, healthCheckInterval, transactionTimeout, appPoolSize, maxResultRows, replicationManaged);
    }

    /** See {@link TabletConfig}: false for vtcombo-style tablets sharing one unreplicated mysqld. */
    public TabletConfig withReplicationManaged(boolean managed) {
        return new TabletConfig(alias, hostname, keyspace, shard, initTabletType, databaseName, grpcPort, httpPort,
                mysqlHost, mysqlPort, healthCheckInterval, transactionTimeout, appPoolSize, maxResultRows, managed);
    }
}
