package io.jvitess.vttest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link VttestCluster} runs (Vitess's vttestserver flags).
 *
 * @param keyspaces       the keyspaces, in order
 * @param schemaDirectory {@code <dir>/<keyspace>/*.sql} is applied to every shard database of the keyspace and
 *                        {@code <dir>/<keyspace>/vschema.json} becomes its VSchema
 * @param basePort        vtctld gRPC listens on base+1, mysqld on base+2, vtgate's MySQL port on base+3 (Vitess's
 *                        layout); 0 picks free ports
 * @param mysqlBindHost   the address vtgate's MySQL port binds
 * @param dataDirectory   where mysqld keeps its files; empty means a temporary directory removed on close
 * @param replicaCount    REPLICA tablets per shard besides the primary
 * @param rdonlyCount     RDONLY tablets per shard
 * @param cell            the one cell of the cluster
 * @param startTimeout    how long mysqld and the tablets may take to come up
 */
public record VttestConfig(
        List<KeyspaceSpec> keyspaces,
        Optional<Path> schemaDirectory,
        int basePort,
        String mysqlBindHost,
        Optional<Path> dataDirectory,
        int replicaCount,
        int rdonlyCount,
        String cell,
        Duration startTimeout) {

    public static final String DEFAULT_CELL = "test";
    /** The last base port whose +3 is still a port. */
    private static final int MAX_BASE_PORT = 65_532;

    public VttestConfig {
        keyspaces = List.copyOf(requireNonNull(keyspaces, "keyspaces is null"));
        requireNonNull(schemaDirectory, "schemaDirectory is null");
        requireNonNull(mysqlBindHost, "mysqlBindHost is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(cell, "cell is null");
        requireNonNull(startTimeout, "startTimeout is null");
        if (keyspaces.isEmpty()) {
            throw new IllegalArgumentException("at least one keyspace is needed");
        }
        Set<String> names = new HashSet<>();
        for (KeyspaceSpec keyspace : keyspaces) {
            if (!names.add(keyspace.name())) {
                throw new IllegalArgumentException("keyspace " + keyspace.name() + " is listed twice");
            }
        }
        if (basePort < 0 || basePort > MAX_BASE_PORT) {
            throw new IllegalArgumentException("base port must be in 0.." + MAX_BASE_PORT + ", got " + basePort);
        }
        if (replicaCount < 0 || rdonlyCount < 0) {
            throw new IllegalArgumentException("replica and rdonly counts must not be negative, got " + replicaCount + " and " + rdonlyCount);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: free ports, vtgate on 127.0.0.1, a temporary data directory, one replica and one rdonly per shard. */
    public static final class Builder {

        private final List<KeyspaceSpec> keyspaces = new ArrayList<>();
        private Path schemaDirectory;
        private int basePort;
        private String mysqlBindHost = "127.0.0.1";
        private Path dataDirectory;
        private int replicaCount = 1;
        private int rdonlyCount = 1;
        private String cell = DEFAULT_CELL;
        private Duration startTimeout = Duration.ofMinutes(2);

        private Builder() {
        }

        public Builder keyspace(String name, int shardCount) {
            keyspaces.add(new KeyspaceSpec(name, shardCount));
            return this;
        }

        public Builder schemaDirectory(Path directory) {
            this.schemaDirectory = directory;
            return this;
        }

        public Builder basePort(int port) {
            this.basePort = port;
            return this;
        }

        public Builder mysqlBindHost(String host) {
            this.mysqlBindHost = host;
            return this;
        }

        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        public Builder replicaCount(int count) {
            this.replicaCount = count;
            return this;
        }

        public Builder rdonlyCount(int count) {
            this.rdonlyCount = count;
            return this;
        }

        public Builder cell(String name) {
            this.cell = name;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public VttestConfig build() {
            return new VttestConfig(keyspaces, Optional.ofNullable(schemaDirectory), basePort, mysqlBindHost,
                    Optional.ofNullable(dataDirectory), replicaCount, rdonlyCount, cell, startTimeout);
        }
    }
}
