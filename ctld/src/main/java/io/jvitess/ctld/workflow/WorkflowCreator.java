package io.jvitess.ctld.workflow;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.proto.binlogdata.BinlogSource;
import io.jvitess.proto.binlogdata.Filter;
import io.jvitess.proto.binlogdata.Rule;
import io.jvitess.proto.binlogdata.VReplicationWorkflowSubType;
import io.jvitess.proto.binlogdata.VReplicationWorkflowType;
import io.jvitess.proto.tabletmanagerdata.TableDefinition;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.ColumnVindex;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vschema.Table;
import io.jvitess.proto.vtctldata.MoveTablesCreateRequest;
import io.jvitess.proto.vtctldata.ReshardCreateRequest;
import io.jvitess.topo.TopoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** MoveTables create and Reshard create: validate, copy the schema, write routing rules and controls, create and start the streams. */
final class WorkflowCreator {

    private static final Logger log = LoggerFactory.getLogger(WorkflowCreator.class);

    private final WorkflowTopo topo;
    private final Streams streams;
    private final SchemaCopier schema;
    private final TabletControls controls;
    private final MoveTablesRoutingRules routingRules;

    WorkflowCreator(WorkflowTopo topo, Streams streams, SchemaCopier schema, TabletControls controls, MoveTablesRoutingRules routingRules) {
        this.topo = requireNonNull(topo, "topo is null");
        this.streams = requireNonNull(streams, "streams is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.controls = requireNonNull(controls, "controls is null");
        this.routingRules = requireNonNull(routingRules, "routingRules is null");
    }

    void moveTables(MoveTablesCreateRequest request) {
        String workflow = requireWorkflowName(request.getWorkflow());
        String source = request.getSourceKeyspace();
        String target = request.getTargetKeyspace();
        topo.requireKeyspace(source);
        topo.requireKeyspace(target);
        if (source.equals(target)) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "source and target keyspace must be different: %s", source);
        }
        List<ShardPrimary> sourceShards = topo.shards(source, request.getSourceShardsList(), true);
        List<ShardPrimary> targetShards = topo.shards(target, List.of(), true);
        requireNoWorkflow(targetShards, workflow, target);

        List<TableDefinition> sourceTables = schema.read(sourceShards.getFirst(), List.of());
        List<String> tables = selectTables(request, sourceTables);
        Keyspace targetVSchema = topo.vschema(target);
        for (String table : tables) {
            if (routingRules.hasRulesFor(List.of(table))) {
                throw VtException.of(VtCode.ALREADY_EXISTS, "routing rules already exist for table %s: another workflow is moving it", table);
            }
            if (targetVSchema.getSharded() && !targetVSchema.containsTables(table)) {
                throw VtException.of(VtCode.FAILED_PRECONDITION,
                        "table %s not found in vschema for keyspace %s: apply the sharded VSchema before MoveTables", table, target);
            }
        }
        try {
            createMoveTablesStreams(request, workflow, tables, sourceTables, targetVSchema, sourceShards, targetShards);
        } catch (RuntimeException e) {
            undoMoveTablesCreate(request, workflow, tables, targetShards);
            throw e;
        }
        log.info("MoveTables {}.{} created: tables {} from {} shards {} to shards {}", target, workflow, tables, source,
                names(sourceShards), names(targetShards));
        if (request.getAutoStart()) {
            targetShards.forEach(shard -> streams.start(shard, workflow));
        }
    }

    private void createMoveTablesStreams(MoveTablesCreateRequest request, String workflow, List<String> tables,
                                         List<TableDefinition> sourceTables, Keyspace targetVSchema, List<ShardPrimary> sourceShards,
                                         List<ShardPrimary> targetShards) {
        String source = request.getSourceKeyspace();
        String target = request.getTargetKeyspace();
        schema.copy(sourceTables.stream().filter(table -> tables.contains(table.getName())).toList(), targetShards);
        if (!targetVSchema.getSharded()) {
            addTablesToUnshardedVSchema(target, targetVSchema, tables);
        }
        if (!request.getNoRoutingRules()) {
            routingRules.initialize(source, target, tables);
        }
        // Until writes switch, the copies on the target must not take application writes.
        for (ShardPrimary shard : targetShards) {
            controls.updateDeniedTables(target, shard.shard(), TabletType.PRIMARY, tables, false);
        }
        controls.refresh(targetShards);

        for (ShardPrimary targetShard : targetShards) {
            for (ShardPrimary sourceShard : sourceShards) {
                if (!KeyRanges.intersect(targetShard.keyRange(), sourceShard.keyRange())) {
                    continue;
                }
                Filter.Builder filter = Filter.newBuilder();
                for (String table : tables) {
                    filter.addRules(Rule.newBuilder().setMatch(table).setFilter(moveTablesFilter(table, target, targetVSchema, targetShard)));
                }
                BinlogSource binlogSource = BinlogSource.newBuilder()
                        .setKeyspace(source)
                        .setShard(sourceShard.shard())
                        .setFilter(filter)
                        .setOnDdl(request.getOnDdl())
                        .setStopAfterCopy(request.getStopAfterCopy())
                        .build();
                streams.create(targetShard, workflow, binlogSource, "", "Stopped", VReplicationWorkflowType.MoveTables_VALUE,
                        request.getAtomicCopy() ? VReplicationWorkflowSubType.AtomicCopy_VALUE : VReplicationWorkflowSubType.None_VALUE,
                        request.getDeferSecondaryKeys());
            }
        }
    }

    /** A create that failed half-way leaves nothing behind, so it can simply be run again. */
    private void undoMoveTablesCreate(MoveTablesCreateRequest request, String workflow, List<String> tables, List<ShardPrimary> targetShards) {
        try {
            targetShards.forEach(shard -> streams.delete(shard, workflow));
            if (!request.getNoRoutingRules()) {
                routingRules.remove(request.getSourceKeyspace(), request.getTargetKeyspace(), tables);
            }
            for (ShardPrimary shard : targetShards) {
                controls.updateDeniedTables(request.getTargetKeyspace(), shard.shard(), TabletType.PRIMARY, tables, true);
            }
        } catch (RuntimeException e) {
            log.error("cleaning up after the failed MoveTables create of {}.{} failed: {}", request.getTargetKeyspace(), workflow,
                    e.getMessage());
        }
    }

    void reshard(ReshardCreateRequest request) {
        String workflow = requireWorkflowName(request.getWorkflow());
        String keyspace = request.getKeyspace();
        topo.requireKeyspace(keyspace);
        if (request.getSourceShardsCount() == 0 || request.getTargetShardsCount() == 0) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "both --source-shards and --target-shards are required");
        }
        List<ShardPrimary> sourceShards = topo.shards(keyspace, request.getSourceShardsList(), true);
        List<ShardPrimary> targetShards = topo.shards(keyspace, request.getTargetShardsList(), true);
        for (ShardPrimary shard : sourceShards) {
            if (!shard.record().getIsPrimaryServing()) {
                throw VtException.of(VtCode.FAILED_PRECONDITION, "source shard %s/%s is not serving", keyspace, shard.shard());
            }
        }
        for (ShardPrimary shard : targetShards) {
            if (shard.record().getIsPrimaryServing()) {
                throw VtException.of(VtCode.FAILED_PRECONDITION, "target shard %s/%s is already serving", keyspace, shard.shard());
            }
        }
        if (!WorkflowTopo.sameCoverage(sourceShards, targetShards)) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "source shards %s and target shards %s do not cover the same key range",
                    names(sourceShards), names(targetShards));
        }
        requireNoWorkflow(targetShards, workflow, keyspace);
        Keyspace vschema = topo.vschema(keyspace);
        if (!request.getSkipSchemaCopy()) {
            schema.copy(schema.read(sourceShards.getFirst(), List.of()), targetShards);
        }
        for (ShardPrimary targetShard : targetShards) {
            for (ShardPrimary sourceShard : sourceShards) {
                if (!KeyRanges.intersect(targetShard.keyRange(), sourceShard.keyRange())) {
                    continue;
                }
                BinlogSource binlogSource = BinlogSource.newBuilder()
                        .setKeyspace(keyspace)
                        .setShard(sourceShard.shard())
                        .setFilter(reshardFilter(vschema, targetShard))
                        .setOnDdl(request.getOnDdl())
                        .setStopAfterCopy(request.getStopAfterCopy())
                        .build();
                try {
                    streams.create(targetShard, workflow, binlogSource, "", "Stopped", VReplicationWorkflowType.Reshard_VALUE,
                            VReplicationWorkflowSubType.None_VALUE, request.getDeferSecondaryKeys());
                } catch (RuntimeException e) {
                    targetShards.forEach(shard -> streams.delete(shard, workflow));
                    throw e;
                }
            }
        }
        log.info("Reshard {}.{} created: {} -> {}", keyspace, workflow, names(sourceShards), names(targetShards));
        if (request.getAutoStart()) {
            targetShards.forEach(shard -> streams.start(shard, workflow));
        }
    }

    /** Reference tables are in every shard already; everything else is filtered to the target's key range. */
    static Filter reshardFilter(Keyspace vschema, ShardPrimary targetShard) {
        Filter.Builder filter = Filter.newBuilder();
        vschema.getTablesMap().forEach((name, table) -> {
            if (table.getType().equals("reference")) {
                filter.addRules(Rule.newBuilder().setMatch(name).setFilter("exclude"));
            }
        });
        String range = KeyRanges.format(targetShard.keyRange());
        boolean fullRange = targetShard.keyRange().getStart().isEmpty() && targetShard.keyRange().getEnd().isEmpty();
        filter.addRules(Rule.newBuilder().setMatch("/.*").setFilter(fullRange ? "" : range));
        return filter.build();
    }

    static String moveTablesFilter(String table, String targetKeyspace, Keyspace targetVSchema, ShardPrimary targetShard) {
        String select = "select * from " + table;
        boolean fullRange = targetShard.keyRange().getStart().isEmpty() && targetShard.keyRange().getEnd().isEmpty();
        if (!targetVSchema.getSharded() || fullRange) {
            return select;
        }
        Table definition = targetVSchema.getTablesOrThrow(table);
        if (definition.getColumnVindexesCount() == 0) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "table %s has no primary vindex in keyspace %s", table, targetKeyspace);
        }
        ColumnVindex primary = definition.getColumnVindexes(0);
        String column = primary.getColumn().isEmpty() ? String.join(", ", primary.getColumnsList()) : primary.getColumn();
        return select + " where in_keyrange(" + column + ", '" + targetKeyspace + "." + primary.getName() + "', '"
                + KeyRanges.format(targetShard.keyRange()) + "')";
    }

    private void addTablesToUnshardedVSchema(String keyspace, Keyspace vschema, List<String> tables) {
        Keyspace.Builder updated = vschema.toBuilder();
        boolean changed = false;
        for (String table : tables) {
            if (!updated.containsTables(table)) {
                updated.putTables(table, Table.getDefaultInstance());
                changed = true;
            }
        }
        if (changed) {
            TopoServer server = topo.topo();
            server.saveVSchema(keyspace, updated.build());
            server.rebuildVSchemaGraph(List.of());
        }
    }

    private static List<String> selectTables(MoveTablesCreateRequest request, List<TableDefinition> sourceTables) {
        Set<String> available = new LinkedHashSet<>();
        sourceTables.forEach(table -> available.add(table.getName()));
        List<String> tables = new ArrayList<>();
        if (request.getAllTables()) {
            tables.addAll(available);
            tables.removeAll(request.getExcludeTablesList());
        } else {
            if (request.getIncludeTablesCount() == 0) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "no tables to move: use --tables or --all-tables");
            }
            for (String table : request.getIncludeTablesList()) {
                if (!available.contains(table)) {
                    throw VtException.of(VtCode.NOT_FOUND, "table %s not found in source keyspace %s", table, request.getSourceKeyspace());
                }
                tables.add(table);
            }
        }
        if (tables.isEmpty()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "no tables to move in keyspace %s", request.getSourceKeyspace());
        }
        return tables;
    }

    private void requireNoWorkflow(List<ShardPrimary> shards, String workflow, String keyspace) {
        if (!streams.read(shards, workflow).isEmpty()) {
            throw VtException.of(VtCode.ALREADY_EXISTS, "workflow %s already exists in keyspace %s", workflow, keyspace);
        }
    }

    static String requireWorkflowName(String workflow) {
        if (workflow.isEmpty()) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "workflow name is required (--workflow)");
        }
        if (!workflow.matches("[A-Za-z0-9_\\-]+")) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid workflow name %s: use letters, digits, '_' and '-'", workflow);
        }
        return workflow;
    }

    static List<String> names(List<ShardPrimary> shards) {
        return shards.stream().map(ShardPrimary::shard).toList();
    }
}
