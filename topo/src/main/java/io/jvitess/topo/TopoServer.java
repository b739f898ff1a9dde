package io.jvitess.topo;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.proto.topodata.CellInfo;
import io.jvitess.proto.topodata.KeyRange;
import io.jvitess.proto.topodata.Keyspace;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.SrvKeyspace;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.topodata.TabletAlias;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.RoutingRules;
import io.jvitess.proto.vschema.SrvVSchema;
import io.jvitess.topo.memory.MemoryTopoConnFactory;
import io.jvitess.topo.zk.ZkTopoConnFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Typed access to the topology, like Vitess's {@code topo.Server}: the global tree holds cells, keyspaces, shards,
 * VSchemas and routing rules; each cell's tree holds its tablets and serving graph. Records are binary protobuf, laid
 * out as in Vitess (e.g. {@code keyspaces/<ks>/shards/<shard>/Shard}). Thread-safe.
 */
public final class TopoServer implements AutoCloseable {

    public static final String GLOBAL_CELL = "global";

    private static final Logger log = LoggerFactory.getLogger(TopoServer.class);
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);
    private static final String MEMORY_ADDRESS = "memory";
    private static final List<TabletType> SERVED_TYPES = List.of(TabletType.PRIMARY, TabletType.REPLICA, TabletType.RDONLY);

    private static final String CELLS_DIR = "cells";
    private static final String CELL_INFO_FILE = "CellInfo";
    private static final String KEYSPACES_DIR = "keyspaces";
    private static final String KEYSPACE_FILE = "Keyspace";
    private static final String SHARDS_DIR = "shards";
    private static final String SHARD_FILE = "Shard";
    private static final String TABLETS_DIR = "tablets";
    private static final String TABLET_FILE = "Tablet";
    private static final String VSCHEMA_FILE = "VSchema";
    private static final String ROUTING_RULES_FILE = "RoutingRules";
    private static final String SRV_KEYSPACE_FILE = "SrvKeyspace";
    private static final String SRV_VSCHEMA_FILE = "SrvVSchema";

    private final TopoConnFactory factory;
    private final String globalServerAddress;
    private final TopoConn globalConn;
    private final Map<String, TopoConn> cellConns = new ConcurrentHashMap<>();
    private final AutoCloseable ownedFactory;
    private volatile boolean closed;

    /** Uses a caller-owned factory; {@link #close()} closes the connections but not the factory. */
    public TopoServer(TopoConnFactory factory, String globalServerAddress, String globalRoot) {
        this(factory, globalServerAddress, globalRoot, null);
    }

    private TopoServer(TopoConnFactory factory, String globalServerAddress, String globalRoot, AutoCloseable ownedFactory) {
        this.factory = requireNonNull(factory, "factory is null");
        this.globalServerAddress = requireNonNull(globalServerAddress, "globalServerAddress is null");
        requireNonNull(globalRoot, "globalRoot is null");
        this.ownedFactory = ownedFactory;
        this.globalConn = factory.create(globalServerAddress, globalRoot);
    }

    /** implementation "zk2" (ZooKeeper) or "memory"; like Vitess's --topo_implementation. */
    public static TopoServer open(String implementation, String globalServerAddress, String globalRoot) {
        requireNonNull(implementation, "implementation is null");
        return switch (implementation) {
            case "zk2" -> {
                ZkTopoConnFactory zk = new ZkTopoConnFactory();
                try {
                    yield new TopoServer(zk, globalServerAddress, globalRoot, zk);
                } catch (RuntimeException e) {
                    zk.close();
                    throw e;
                }
            }
            case "memory" -> new TopoServer(new MemoryTopoConnFactory(), globalServerAddress, globalRoot);
            default -> throw new TopoException(TopoErrorCode.NO_IMPLEMENTATION,
                    "unknown topo implementation '" + implementation + "': use zk2 or memory");
        };
    }

    /** A memory topo (global root {@code /vitess/global}) with the given cells registered at {@code /vitess/<cell>}. */
    public static TopoServer inMemory(String... cells) {
        TopoServer server = new TopoServer(new MemoryTopoConnFactory(), MEMORY_ADDRESS, "/vitess/" + GLOBAL_CELL);
        for (String cell : cells) {
            server.createCellInfo(cell, CellInfo.newBuilder().setServerAddress(MEMORY_ADDRESS).setRoot("/vitess/" + cell).build());
        }
        return server;
    }

    public TopoConn globalConn() {
        return globalConn;
    }

    /**
     * The connection to a cell's tree, opened from its CellInfo and cached; {@code global} is the global connection.
     * An empty CellInfo server address means the global server. {@code NO_NODE} if the cell is unknown.
     */
    public TopoConn cellConn(String cell) {
        if (GLOBAL_CELL.equals(cell)) {
            return globalConn;
        }
        TopoPaths.segment("cell", cell);
        TopoConn cached = cellConns.get(cell);
        if (cached != null) {
            return cached;
        }
        if (closed) {
            throw new IllegalStateException("TopoServer is closed");
        }
        CellInfo info = getCellInfo(cell);
        return cellConns.computeIfAbsent(cell, c -> factory.create(
                info.getServerAddress().isEmpty() ? globalServerAddress : info.getServerAddress(), info.getRoot()));
    }

    // cells

    public void createCellInfo(String cell, CellInfo info) {
        requireNonNull(info, "info is null");
        TopoPaths.segment("cell", cell);
        if (GLOBAL_CELL.equals(cell)) {
            throw new TopoException(TopoErrorCode.INVALID_ARGUMENT, "'" + GLOBAL_CELL + "' is reserved for the global topo");
        }
        TopoPaths.root(info.getRoot());
        globalConn.create(cellInfoPath(cell), info.toByteArray());
    }

    public CellInfo getCellInfo(String cell) {
        String path = cellInfoPath(cell);
        return parse(CellInfo.parser(), globalConn.get(path).contents(), path);
    }

    public List<String> getCellInfoNames() {
        return listOrEmpty(globalConn, CELLS_DIR);
    }

    public void deleteCellInfo(String cell) {
        globalConn.delete(cellInfoPath(cell), null);
        TopoConn conn = cellConns.remove(cell);
        if (conn != null) {
            conn.close();
        }
    }

    // keyspaces

    public void createKeyspace(String keyspace, Keyspace value) {
        requireNonNull(value, "value is null");
        globalConn.create(keyspaceFilePath(keyspace), value.toByteArray());
    }

    public Versioned<Keyspace> getKeyspace(String keyspace) {
        String path = keyspaceFilePath(keyspace);
        VersionedValue stored = globalConn.get(path);
        return new Versioned<>(parse(Keyspace.parser(), stored.contents(), path), stored.version());
    }

    /** A null version overwrites unconditionally; otherwise {@code BAD_VERSION} if the keyspace changed since read. */
    public void updateKeyspace(String keyspace, Keyspace value, Version version) {
        requireNonNull(value, "value is null");
        String path = keyspaceFilePath(keyspace);
        if (version == null) {
            // an unconditional update must not create a keyspace
            globalConn.get(path);
        }
        globalConn.update(path, value.toByteArray(), version);
    }

    public List<String> getKeyspaceNames() {
        return listOrEmpty(globalConn, KEYSPACES_DIR);
    }

    /** Deletes the keyspace with its shards, VSchema and locks; cells' serving graphs are left to the caller. */
    public void deleteKeyspace(String keyspace) {
        globalConn.get(keyspaceFilePath(keyspace));
        globalConn.deleteRecursive(keyspaceDir(keyspace));
    }

    // shards

    /**
     * Creates a shard of an existing keyspace. Range names get their key range; the shard serves as primary unless its
     * range overlaps an existing shard (as during a reshard), like Vitess.
     */
    public Shard createShard(String keyspace, String shard) {
        TopoPaths.segment("keyspace", keyspace);
        if (!KeyRanges.isValidShardName(shard)) {
            throw new TopoException(TopoErrorCode.INVALID_ARGUMENT,
                    "invalid shard name '" + shard + "': expected 0 or a hex key range such as -80 or 80-");
        }
        String name = KeyRanges.normalizeShardName(shard);
        Shard.Builder value = Shard.newBuilder().setIsPrimaryServing(true);
        if (KeyRanges.isRangeBased(name)) {
            try {
                value.setKeyRange(KeyRanges.fromShardName(name));
            } catch (IllegalArgumentException e) {
                throw new TopoException(TopoErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
            }
        }
        getKeyspace(keyspace);
        KeyRange range = keyRangeOf(value.build());
        for (String existing : getShardNames(keyspace)) {
            try {
                if (intersect(range, keyRangeOf(getShard(keyspace, existing).value()))) {
                    value.setIsPrimaryServing(false);
                    break;
                }
            } catch (TopoException e) {
                if (!e.is(TopoErrorCode.NO_NODE)) {
                    throw e;
                }
            }
        }
        Shard created = value.build();
        globalConn.create(shardFilePath(keyspace, name), created.toByteArray());
        return created;
    }

    public Versioned<Shard> getShard(String keyspace, String shard) {
        String path = shardFilePath(keyspace, shard);
        VersionedValue stored = globalConn.get(path);
        return new Versioned<>(parse(Shard.parser(), stored.contents(), path), stored.version());
    }

    /**
     * Applies {@code update} to the current shard and writes it if the shard did not change meanwhile, retrying on
     * {@code BAD_VERSION}; {@code update} may run several times. Returning null or an equal shard skips the write.
     */
    public Shard updateShardFields(String keyspace, String shard, UnaryOperator<Shard> update) {
        requireNonNull(update, "update is null");
        String path = shardFilePath(keyspace, shard);
        return updateFields(globalConn, path, Shard.parser(), update);
    }

    public List<String> getShardNames(String keyspace) {
        return listOrEmpty(globalConn, keyspaceDir(keyspace) + "/" + SHARDS_DIR);
    }

    public void deleteShard(String keyspace, String shard) {
        globalConn.delete(shardFilePath(keyspace, shard), null);
    }

    // tablets

    public void createTablet(Tablet tablet) {
        TabletAlias alias = aliasOf(tablet);
        cellConn(alias.getCell()).create(tabletFilePath(alias), tablet.toByteArray());
    }

    public Versioned<Tablet> getTablet(TabletAlias alias) {
        String path = tabletFilePath(alias);
        VersionedValue stored = cellConn(alias.getCell()).get(path);
        return new Versioned<>(parse(Tablet.parser(), stored.contents(), path), stored.version());
    }

    /** Compare-and-set loop like {@link #updateShardFields}; the alias cannot be changed. */
    public Tablet updateTabletFields(TabletAlias alias, UnaryOperator<Tablet> update) {
        requireNonNull(update, "update is null");
        String path = tabletFilePath(alias);
        return updateFields(cellConn(alias.getCell()), path, Tablet.parser(), current -> {
            Tablet updated = update.apply(current);
            if (updated != null && !updated.getAlias().equals(alias)) {
                throw new TopoException(TopoErrorCode.INVALID_ARGUMENT, "cannot change the alias of tablet " + TabletAliases.format(alias));
            }
            return updated;
        });
    }

    /** Creates or overwrites the tablet record: a restarted vttablet re-registers itself. */
    public void upsertTablet(Tablet tablet) {
        TabletAlias alias = aliasOf(tablet);
        cellConn(alias.getCell()).update(tabletFilePath(alias), tablet.toByteArray(), null);
    }

    public List<TabletAlias> getTabletAliasesByCell(String cell) {
        List<TabletAlias> aliases = new ArrayList<>();
        for (String name : listOrEmpty(cellConn(cell), TABLETS_DIR)) {
            try {
                aliases.add(TabletAliases.parse(name));
            } catch (IllegalArgumentException e) {
                log.warn("Ignoring unexpected entry '{}' in {} of cell {}; remove it if it is not a tablet", name, TABLETS_DIR, cell);
            }
        }
        return List.copyOf(aliases);
    }

    /** Tablets of a cell; tablets deleted while listing are skipped. */
    public List<Tablet> getTabletsByCell(String cell) {
        List<Tablet> tablets = new ArrayList<>();
        for (TabletAlias alias : getTabletAliasesByCell(cell)) {
            try {
                tablets.add(getTablet(alias).value());
            } catch (TopoException e) {
                if (!e.is(TopoErrorCode.NO_NODE)) {
                    throw e;
                }
            }
        }
        return List.copyOf(tablets);
    }

    public void deleteTablet(TabletAlias alias) {
        requireNonNull(alias, "alias is null");
        cellConn(alias.getCell()).delete(tabletFilePath(alias), null);
    }

    // vschema and routing rules

    public void saveVSchema(String keyspace, io.jvitess.proto.vschema.Keyspace vschema) {
        requireNonNull(vschema, "vschema is null");
        globalConn.update(keyspaceDir(keyspace) + "/" + VSCHEMA_FILE, vschema.toByteArray(), null);
    }

    /** {@code NO_NODE} if the keyspace has no VSchema. */
    public io.jvitess.proto.vschema.Keyspace getVSchema(String keyspace) {
        String path = keyspaceDir(keyspace) + "/" + VSCHEMA_FILE;
        return parse(io.jvitess.proto.vschema.Keyspace.parser(), globalConn.get(path).contents(), path);
    }

    /** Empty rules delete the file, as Vitess does. */
    public void saveRoutingRules(RoutingRules rules) {
        requireNonNull(rules, "rules is null");
        byte[] contents = rules.toByteArray();
        if (contents.length == 0) {
            try {
                globalConn.delete(ROUTING_RULES_FILE, null);
            } catch (TopoException e) {
                if (!e.is(TopoErrorCode.NO_NODE)) {
                    throw e;
                }
            }
            return;
        }
        globalConn.update(ROUTING_RULES_FILE, contents, null);
    }

    /** Empty rules if none are saved. */
    public RoutingRules getRoutingRules() {
        try {
            return parse(RoutingRules.parser(), globalConn.get(ROUTING_RULES_FILE).contents(), ROUTING_RULES_FILE);
        } catch (TopoException e) {
            if (e.is(TopoErrorCode.NO_NODE)) {
                return RoutingRules.getDefaultInstance();
            }
            throw e;
        }
    }

    // serving graph

    public SrvKeyspace getSrvKeyspace(String cell, String keyspace) {
        String path = srvKeyspacePath(keyspace);
        return parse(SrvKeyspace.parser(), cellConn(cell).get(path).contents(), path);
    }

    public void updateSrvKeyspace(String cell, String keyspace, SrvKeyspace value) {
        requireNonNull(value, "value is null");
        cellConn(cell).update(srvKeyspacePath(keyspace), value.toByteArray(), null);
    }

    public void deleteSrvKeyspace(String cell, String keyspace) {
        cellConn(cell).delete(srvKeyspacePath(keyspace), null);
    }

    public List<String> getSrvKeyspaceNames(String cell) {
        return listOrEmpty(cellConn(cell), KEYSPACES_DIR);
    }

    public SrvVSchema getSrvVSchema(String cell) {
        return parse(SrvVSchema.parser(), cellConn(cell).get(SRV_VSCHEMA_FILE).contents(), SRV_VSCHEMA_FILE);
    }

    public void updateSrvVSchema(String cell, SrvVSchema value) {
        requireNonNull(value, "value is null");
        cellConn(cell).update(SRV_VSCHEMA_FILE, value.toByteArray(), null);
    }

    /** The listener receives raw values; decode with {@code SrvVSchema.parseFrom}. {@code NO_NODE} if none yet. */
    public Watch watchSrvVSchema(String cell, WatchListener listener) {
        return cellConn(cell).watch(SRV_VSCHEMA_FILE, listener);
    }

    /** The listener receives raw values; decode with {@code Shard.parseFrom}. {@code NO_NODE} if the shard is unknown. */
    public Watch watchShard(String keyspace, String shard, WatchListener listener) {
        return globalConn.watch(shardFilePath(keyspace, shard), listener);
    }

    /**
     * Recomputes SrvKeyspace in each cell (all cells if empty) from the keyspace's shards: one partition per served type
     * PRIMARY, REPLICA, RDONLY listing every shard with is_primary_serving (name + key_range), sorted by key range
     * start. Tablet controls already in a cell's partitions are kept, as in Vitess.
     */
    public void rebuildKeyspaceGraph(String keyspace, List<String> cells) {
        requireNonNull(cells, "cells is null");
        getKeyspace(keyspace);
        List<ShardReference> references = new ArrayList<>();
        for (String name : getShardNames(keyspace)) {
            Shard shard;
            try {
                shard = getShard(keyspace, name).value();
            } catch (TopoException e) {
                if (e.is(TopoErrorCode.NO_NODE)) {
                    continue;
                }
                throw e;
            }
            if (shard.getIsPrimaryServing()) {
                ShardReference.Builder reference = ShardReference.newBuilder().setName(name);
                if (shard.hasKeyRange()) {
                    reference.setKeyRange(shard.getKeyRange());
                }
                references.add(reference.build());
            }
        }
        references.sort(Comparator.comparing(ShardReference::getKeyRange, KeyRanges.BY_START).thenComparing(ShardReference::getName));
        List<String> targetCells = cells.isEmpty() ? getCellInfoNames() : cells;
        for (String cell : targetCells) {
            SrvKeyspace existing = null;
            try {
                existing = getSrvKeyspace(cell, keyspace);
            } catch (TopoException e) {
                if (!e.is(TopoErrorCode.NO_NODE)) {
                    throw e;
                }
            }
            SrvKeyspace.Builder value = SrvKeyspace.newBuilder();
            for (TabletType type : SERVED_TYPES) {
                SrvKeyspace.KeyspacePartition.Builder partition = SrvKeyspace.KeyspacePartition.newBuilder()
                        .setServedType(type)
                        .addAllShardReferences(references);
                if (existing != null) {
                    existing.getPartitionsList().stream()
                            .filter(old -> old.getServedType() == type)
                            .forEach(old -> partition.addAllShardTabletControls(old.getShardTabletControlsList()));
                }
                value.addPartitions(partition);
            }
            updateSrvKeyspace(cell, keyspace, value.build());
        }
        log.info("Rebuilt serving graph of keyspace {} in cells {}: serving shards {}", keyspace, targetCells,
                references.stream().map(ShardReference::getName).toList());
    }

    /** Recomputes SrvVSchema in each cell from every keyspace's VSchema (a keyspace without one gets an empty Keyspace) plus RoutingRules. */
    public void rebuildVSchemaGraph(List<String> cells) {
        requireNonNull(cells, "cells is null");
        SrvVSchema.Builder value = SrvVSchema.newBuilder();
        for (String keyspace : getKeyspaceNames()) {
            io.jvitess.proto.vschema.Keyspace vschema;
            try {
                vschema = getVSchema(keyspace);
            } catch (TopoException e) {
                if (!e.is(TopoErrorCode.NO_NODE)) {
                    throw e;
                }
                vschema = io.jvitess.proto.vschema.Keyspace.getDefaultInstance();
            }
            value.putKeyspaces(keyspace, vschema);
        }
        value.setRoutingRules(getRoutingRules());
        SrvVSchema built = value.build();
        List<String> targetCells = cells.isEmpty() ? getCellInfoNames() : cells;
        for (String cell : targetCells) {
            updateSrvVSchema(cell, built);
        }
        log.info("Rebuilt SrvVSchema in cells {} with keyspaces {}", targetCells, built.getKeyspacesMap().keySet());
    }

    // locks

    /** Locks an existing keyspace for 30s at most ({@code TIMEOUT}); {@code NO_NODE} if the keyspace does not exist. */
    public AutoCloseable lockKeyspace(String keyspace, String action) {
        return lock(keyspaceDir(keyspace), "keyspace " + keyspace, action);
    }

    /** Locks an existing shard for 30s at most ({@code TIMEOUT}); {@code NO_NODE} if the shard does not exist. */
    public AutoCloseable lockShard(String keyspace, String shard, String action) {
        return lock(shardDir(keyspace, shard), "shard " + keyspace + "/" + shard, action);
    }

    private AutoCloseable lock(String dir, String what, String action) {
        requireNonNull(action, "action is null");
        try {
            return globalConn.lock(dir, LockDescriptor.describe(action), LOCK_TIMEOUT);
        } catch (TopoException e) {
            if (e.is(TopoErrorCode.TIMEOUT)) {
                log.warn("Could not lock {} for {} within {}: {}. Wait for the holder to finish; a crashed holder's lock "
                        + "ends with its topo session", what, action, LOCK_TIMEOUT, e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        List<TopoConn> conns = List.copyOf(cellConns.values());
        cellConns.clear();
        conns.forEach(TopoConn::close);
        globalConn.close();
        if (ownedFactory != null) {
            try {
                ownedFactory.close();
            } catch (Exception e) {
                log.warn("Closing the topo connection factory failed", e);
            }
        }
    }

    // helpers

    private <T extends MessageLite> T updateFields(TopoConn conn, String path, Parser<T> parser, UnaryOperator<T> update) {
        while (true) {
            VersionedValue stored = conn.get(path);
            T current = parse(parser, stored.contents(), path);
            T updated = update.apply(current);
            if (updated == null || updated.equals(current)) {
                return current;
            }
            try {
                conn.update(path, updated.toByteArray(), stored.version());
                return updated;
            } catch (TopoException e) {
                if (!e.is(TopoErrorCode.BAD_VERSION)) {
                    throw e;
                }
                log.debug("Concurrent update of {}, retrying", path);
            }
        }
    }

    private static <T> T parse(Parser<T> parser, byte[] contents, String path) {
        try {
            return parser.parseFrom(contents);
        } catch (InvalidProtocolBufferException e) {
            throw new TopoException(TopoErrorCode.INVALID_ARGUMENT, "corrupt topo record at " + path + ": " + e.getMessage(), e);
        }
    }

    private static List<String> listOrEmpty(TopoConn conn, String dir) {
        try {
            return conn.listDir(dir);
        } catch (TopoException e) {
            if (e.is(TopoErrorCode.NO_NODE)) {
                return List.of();
            }
            throw e;
        }
    }

    private static TabletAlias aliasOf(Tablet tablet) {
        requireNonNull(tablet, "tablet is null");
        if (!tablet.hasAlias()) {
            throw new TopoException(TopoErrorCode.INVALID_ARGUMENT, "tablet has no alias");
        }
        return tablet.getAlias();
    }

    private static KeyRange keyRangeOf(Shard shard) {
        return shard.hasKeyRange() ? shard.getKeyRange() : KeyRange.getDefaultInstance();
    }

    /** Half-open ranges [start, end) where an empty start or end is unbounded. */
    private static boolean intersect(KeyRange left, KeyRange right) {
        boolean rightStartsBeforeLeftEnds = left.getEnd().isEmpty() || compareUnsigned(right.getStart(), left.getEnd()) < 0;
        boolean leftStartsBeforeRightEnds = right.getEnd().isEmpty() || compareUnsigned(left.getStart(), right.getEnd()) < 0;
        return rightStartsBeforeLeftEnds && leftStartsBeforeRightEnds;
    }

    private static int compareUnsigned(ByteString left, ByteString right) {
        return Arrays.compareUnsigned(left.toByteArray(), right.toByteArray());
    }

    private static String cellInfoPath(String cell) {
        return CELLS_DIR + "/" + TopoPaths.segment("cell", cell) + "/" + CELL_INFO_FILE;
    }

    private static String keyspaceDir(String keyspace) {
        return KEYSPACES_DIR + "/" + TopoPaths.segment("keyspace", keyspace);
    }

    private static String keyspaceFilePath(String keyspace) {
        return keyspaceDir(keyspace) + "/" + KEYSPACE_FILE;
    }

    private static String shardDir(String keyspace, String shard) {
        return keyspaceDir(keyspace) + "/" + SHARDS_DIR + "/" + TopoPaths.segment("shard", shard);
    }

    private static String shardFilePath(String keyspace, String shard) {
        return shardDir(keyspace, shard) + "/" + SHARD_FILE;
    }

    private static String tabletFilePath(TabletAlias alias) {
        requireNonNull(alias, "alias is null");
        TopoPaths.segment("cell", alias.getCell());
        return TABLETS_DIR + "/" + TabletAliases.format(alias) + "/" + TABLET_FILE;
    }

    private static String srvKeyspacePath(String keyspace) {
        return keyspaceDir(keyspace) + "/" + SRV_KEYSPACE_FILE;
    }

    /** Lock node contents in Vitess's JSON shape, so operators can see who holds a lock and why. */
    private static final class LockDescriptor {

        private static final String HOST_NAME = hostName();

        static String describe(String action) {
            return "{\"Action\":" + quote(action)
                    + ",\"HostName\":" + quote(HOST_NAME)
                    + ",\"UserName\":" + quote(System.getProperty("user.name", ""))
                    + ",\"Pid\":" + ProcessHandle.current().pid()
                    + ",\"Time\":" + quote(Instant.now().toString())
                    + ",\"Status\":\"Running\"}";
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                return System.getenv().getOrDefault("HOSTNAME", "unknown");
            }
        }

        private static String quote(String text) {
            StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    case '\n' -> quoted.append("\\n");
                    case '\r' -> quoted.append("\\r");
                    case '\t' -> quoted.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            quoted.append(String.format("\\u%04x", (int) c));
                        } else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }
    }
}
