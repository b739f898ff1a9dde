package io.jvitess.tablet;

import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.mysqlctl.MysqldConfig;
import io.jvitess.proto.tabletmanagerservice.TabletManagerGrpc;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.ColumnVindex;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vschema.Table;
import io.jvitess.proto.vschema.Vindex;
import io.jvitess.tablet.vreplication.VReplicationConfig;
import io.jvitess.topo.TopoServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jvitess.tablet.TabletTestSupport.eventually;

/**
 * Three real mysqlds with one primary tablet each, for streams created through VReplicationExec: {@code commerce/0}
 * (index 0) is the source, {@code customer/-80} ("left", index 1) and {@code customer/80-} ("right", index 2) are
 * the targets. The source keyspace's vschema shards {@code customer} by {@code hash(id)}.
 */
final class SourceAndTargets implements AutoCloseable {

    private final TabletTestSupport support = new TabletTestSupport();
    private final List<Mysqld> mysqlds = new ArrayList<>();
    private final Vttablet[] tablets = new Vttablet[3];
    private final TopoServer topo = TopoServer.inMemory("zone1");
    private final VReplicationConfig rightEngine;
    private TabletConfig rightConfig;

    /** The tablets get uids {@code firstUid} to {@code firstUid + 2}; the right target runs {@code rightEngine}. */
    SourceAndTargets(String name, int firstUid, VReplicationConfig engine, VReplicationConfig rightEngine) throws IOException {
        this.rightEngine = rightEngine;
        try {
            Path dataRoot = Files.createTempDirectory(name);
            tablets[0] = tablet(dataRoot, firstUid, "commerce", "0", engine);
            tablets[1] = tablet(dataRoot, firstUid + 1, "customer", "-80", engine);
            tablets[2] = tablet(dataRoot, firstUid + 2, "customer", "80-", rightEngine);
            for (Vttablet tablet : tablets) {
                awaitPrimary(tablet);
            }
            topo.saveVSchema("commerce", Keyspace.newBuilder().setSharded(true)
                    .putVindexes("hash", Vindex.newBuilder().setType("hash").build())
                    .putTables("customer", Table.newBuilder().addColumnVindexes(ColumnVindex.newBuilder().setColumn("id").setName("hash")).build())
                    .build());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Vttablet tablet(Path dataRoot, int uid, String keyspace, String shard, VReplicationConfig engine) {
        Mysqld mysqld = new Mysqld(MysqldConfig.of(uid, TabletTestSupport.freePort(), dataRoot));
        mysqlds.add(mysqld);
        mysqld.init(Duration.ofMinutes(2));
        TabletConfig config = TabletConfig.defaults(TabletAliases.of("zone1", uid), keyspace, shard, TabletType.REPLICA)
                .withPorts(0, mysqld.port())
                .withHealthCheckInterval(Duration.ofMillis(300));
        if (keyspace.equals("customer") && shard.equals("80-")) {
            rightConfig = config;
        }
        Vttablet tablet = new Vttablet(config, topo, engine);
        tablet.start();
        return tablet;
    }

    static void awaitPrimary(Vttablet tablet) {
        eventually(() -> tablet.state().type() == TabletType.PRIMARY && tablet.vreplication().isOpen() ? true : null);
    }

    Vttablet source() {
        return tablets[0];
    }

    Vttablet left() {
        return tablets[1];
    }

    Vttablet right() {
        return tablets[2];
    }

    /** A new tablet process for the right target, on the same mysqld, after a test closed the old one. */
    Vttablet startRightAgain() {
        tablets[2] = new Vttablet(rightConfig, topo, rightEngine);
        tablets[2].start();
        return tablets[2];
    }

    /** Creates the source's and the targets' databases with the same tables. */
    void createTables(String... tables) throws SQLException {
        for (int index = 0; index < tablets.length; index++) {
            try (Connection connection = dba(index); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS " + database(index));
                statement.execute("USE " + database(index));
                for (String table : tables) {
                    statement.execute(table);
                }
            }
        }
    }

    Connection dba(int index) throws SQLException {
        return TabletTestSupport.dba(mysqlds.get(index));
    }

    static String database(int index) {
        return index == 0 ? "vt_commerce" : "vt_customer";
    }

    int index(Vttablet tablet) {
        return tablet == tablets[0] ? 0 : tablet == tablets[1] ? 1 : 2;
    }

    TabletManagerGrpc.TabletManagerBlockingStub manager(Vttablet tablet) {
        return support.manager(tablet);
    }

    interface RowBinder {
        void bind(PreparedStatement statement, int id) throws SQLException;
    }

    /** Inserts rows 1 to {@code count} in batches of 500 and commits; the connection is not in autocommit. */
    static void insertRows(Connection connection, String sql, int count, RowBinder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int id = 1; id <= count; id++) {
                binder.bind(statement, id);
                statement.addBatch();
                if (id % 500 == 0) {
                    statement.executeBatch();
                }
            }
            statement.executeBatch();
        }
        connection.commit();
    }

    /** Rows 1 to {@code count} of the source's {@code customer (id, email, region)}. */
    static void insertCustomers(Connection connection, int count) throws SQLException {
        insertRows(connection, "INSERT INTO vt_commerce.customer VALUES (?, ?, ?)", count, (insert, id) -> {
            insert.setLong(1, id);
            insert.setBytes(2, ("c" + id + "@example.com").getBytes());
            insert.setInt(3, id % 5);
        });
    }

    /** Rows 1 to {@code count} of the source's {@code big (id, payload, counter)}, with wide payloads and counter 0. */
    static void insertBig(Connection connection, int count) throws SQLException {
        insertRows(connection, "INSERT INTO vt_commerce.big VALUES (?, ?, 0)", count, (insert, id) -> {
            insert.setInt(1, id);
            insert.setString(2, "payload-".repeat(10) + id);
        });
    }

    @Override
    public void close() {
        support.close();
        for (Vttablet tablet : tablets) {
            if (tablet != null) {
                tablet.close();
            }
        }
        mysqlds.forEach(mysqld -> mysqld.teardown(Duration.ofSeconds(30)));
        topo.close();
    }
}
