package io.jvitess.ctld;

import io.grpc.stub.StreamObserver;
import io.jvitess.common.errors.GrpcErrors;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.KeyRanges;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.ctld.schema.SchemaApplier;
import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.ctld.vschema.VSchemaValidator;
import io.jvitess.ctld.workflow.WorkflowService;
import io.jvitess.proto.topodata.Keyspace;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.topodata.TabletAlias;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vtctldata.*;
import io.jvitess.proto.vtctlservice.VtctldGrpc;
import io.jvitess.topo.TopoErrorCode;
import io.jvitess.topo.TopoException;
import io.jvitess.topo.TopoServer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** vtctld's admin API: topology edits and tablet-wide operations, with Vitess's semantics and messages. */
public final class VtctldService extends VtctldGrpc.VtctldImplBase {

    private final TopoServer topo;
    private final TabletManagerClient tablets;
    private final SchemaApplier schemaApplier;
    private final WorkflowService workflows;

    public VtctldService(TopoServer topo, TabletManagerClient tablets) {
        this.topo = requireNonNull(topo, "topo is null");
        this.tablets = requireNonNull(tablets, "tablets is null");
        this.schemaApplier = new SchemaApplier(topo, tablets);
        this.workflows = new WorkflowService(topo, tablets, java.time.Clock.systemUTC());
    }

    @Override
    public void addCellInfo(AddCellInfoRequest request, StreamObserver<AddCellInfoResponse> response) {
        unary(response, () -> {
            topo.createCellInfo(request.getName(), request.getCellInfo());
            return AddCellInfoResponse.getDefaultInstance();
        });
    }

    @Override
    public void getCellInfoNames(GetCellInfoNamesRequest request, StreamObserver<GetCellInfoNamesResponse> response) {
        unary(response, () -> GetCellInfoNamesResponse.newBuilder().addAllNames(topo.getCellInfoNames()).build());
    }

    @Override
    public void getCellInfo(GetCellInfoRequest request, StreamObserver<GetCellInfoResponse> response) {
        unary(response, () -> GetCellInfoResponse.newBuilder().setCellInfo(topo.getCellInfo(request.getCell())).build());
    }

    @Override
    public void createKeyspace(CreateKeyspaceRequest request, StreamObserver<CreateKeyspaceResponse> response) {
        unary(response, () -> {
            String name = request.getName();
            if (name.isEmpty()) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "keyspace name is required");
            }
            Keyspace keyspace = Keyspace.newBuilder()
                    .setKeyspaceType(request.getType())
                    .setBaseKeyspace(request.getBaseKeyspace())
                    .setDurabilityPolicy(request.getDurabilityPolicy().isEmpty() ? "none" : request.getDurabilityPolicy())
                    .setSidecarDbName(request.getSidecarDbName().isEmpty() ? "_vt" : request.getSidecarDbName())
                    .build();
            try {
                topo.createKeyspace(name, keyspace);
            } catch (TopoException e) {
                if (!(e.is(TopoErrorCode.NODE_EXISTS) && request.getForce())) {
                    throw e.is(TopoErrorCode.NODE_EXISTS) ? VtException.of(VtCode.ALREADY_EXISTS, "keyspace %s already exists", name) : e;
                }
            }
            if (!request.getAllowEmptyVSchema()) {
                saveVSchemaIfMissing(name);
            }
            topo.rebuildVSchemaGraph(List.of());
            return CreateKeyspaceResponse.newBuilder()
                    .setKeyspace(io.jvitess.proto.vtctldata.Keyspace.newBuilder().setName(name).setKeyspace(topo.getKeyspace(name).value()))
                    .build();
        });
    }

    private void saveVSchemaIfMissing(String keyspace) {
        try {
            topo.getVSchema(keyspace);
        } catch (TopoException e) {
            if (!e.is(TopoErrorCode.NO_NODE)) {
                throw e;
            }
            topo.saveVSchema(keyspace, io.jvitess.proto.vschema.Keyspace.getDefaultInstance());
        }
    }

    @Override
    public void getKeyspace(GetKeyspaceRequest request, StreamObserver<GetKeyspaceResponse> response) {
        unary(response, () -> GetKeyspaceResponse.newBuilder().setKeyspace(keyspace(request.getKeyspace())).build());
    }

    @Override
    public void getKeyspaces(GetKeyspacesRequest request, StreamObserver<GetKeyspacesResponse> response) {
        unary(response, () -> {
            GetKeyspacesResponse.Builder result = GetKeyspacesResponse.newBuilder();
            for (String name : topo.getKeyspaceNames()) {
                result.addKeyspaces(keyspace(name));
            }
            return result.build();
        });
    }

    private io.jvitess.proto.vtctldata.Keyspace keyspace(String name) {
        try {
            return io.jvitess.proto.vtctldata.Keyspace.newBuilder().setName(name).setKeyspace(topo.getKeyspace(name).value()).build();
        } catch (TopoException e) {
            throw e.is(TopoErrorCode.NO_NODE) ? VtException.of(VtCode.NOT_FOUND, "keyspace %s not found", name) : e;
        }
    }

    @Override
    public void deleteKeyspace(DeleteKeyspaceRequest request, StreamObserver<DeleteKeyspaceResponse> response) {
        unary(response, () -> {
            String name = request.getKeyspace();
            keyspace(name);
            List<String> shards = topo.getShardNames(name);
            if (!shards.isEmpty() && !request.getRecursive()) {
                throw VtException.of(VtCode.FAILED_PRECONDITION,
                        "keyspace %s still has %d shards; use Recursive=true or remove them manually", name, shards.size());
            }
            for (String shard : shards) {
                deleteShard(name, shard, true);
            }
            for (String cell : topo.getCellInfoNames()) {
                ignoreMissing(() -> topo.deleteSrvKeyspace(cell, name));
            }
            topo.deleteKeyspace(name);
            topo.rebuildVSchemaGraph(List.of());
            return DeleteKeyspaceResponse.getDefaultInstance();
        });
    }

    @Override
    public void setKeyspaceDurabilityPolicy(SetKeyspaceDurabilityPolicyRequest request, StreamObserver<SetKeyspaceDurabilityPolicyResponse> response) {
        unary(response, () -> {
            String name = request.getKeyspace();
            try (AutoCloseable ignored = topo.lockKeyspace(name, "SetKeyspaceDurabilityPolicy")) {
                var current = topo.getKeyspace(name);
                Keyspace updated = current.value().toBuilder().setDurabilityPolicy(request.getDurabilityPolicy()).build();
                topo.updateKeyspace(name, updated, current.version());
                return SetKeyspaceDurabilityPolicyResponse.newBuilder().setKeyspace(updated).build();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw VtException.of(VtCode.INTERNAL, "cannot release keyspace lock: %s", e.getMessage());
            }
        });
    }

    @Override
    public void createShard(CreateShardRequest request, StreamObserver<CreateShardResponse> response) {
        unary(response, () -> {
            if (!KeyRanges.isValidShardName(request.getShardName())) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "invalid shard name: %s", request.getShardName());
            }
            if (request.getIncludeParent()) {
                try {
                    topo.createKeyspace(request.getKeyspace(), Keyspace.newBuilder().setSidecarDbName("_vt").build());
                    saveVSchemaIfMissing(request.getKeyspace());
                } catch (TopoException e) {
                    if (!e.is(TopoErrorCode.NODE_EXISTS)) {
                        throw e;
                    }
                }
            }
            boolean exists = false;
            try {
                topo.createShard(request.getKeyspace(), request.getShardName());
            } catch (TopoException e) {
                if (!e.is(TopoErrorCode.NODE_EXISTS) || !request.getForce()) {
                    throw e.is(TopoErrorCode.NODE_EXISTS)
                            ? VtException.of(VtCode.ALREADY_EXISTS, "shard %s/%s already exists", request.getKeyspace(), request.getShardName())
                            : e;
                }
                exists = true;
            }
            topo.rebuildKeyspaceGraph(request.getKeyspace(), List.of());
            return CreateShardResponse.newBuilder()
                    .setKeyspace(keyspace(request.getKeyspace()))
                    .setShard(shard(request.getKeyspace(), request.getShardName()))
                    .setShardAlreadyExists(exists)
                    .build();
        });
    }

    @Override
    public void getShard(GetShardRequest request, StreamObserver<GetShardResponse> response) {
        unary(response, () -> GetShardResponse.newBuilder().setShard(shard(request.getKeyspace(), request.getShardName())).build());
    }

    private io.jvitess.proto.vtctldata.Shard shard(String keyspace, String name) {
        try {
            return io.jvitess.proto.vtctldata.Shard.newBuilder().setKeyspace(keyspace).setName(name)
                    .setShard(topo.getShard(keyspace, name).value()).build();
        } catch (TopoException e) {
            throw e.is(TopoErrorCode.NO_NODE) ? VtException.of(VtCode.NOT_FOUND, "shard %s/%s not found", keyspace, name) : e;
        }
    }

    @Override
    public void findAllShardsInKeyspace(FindAllShardsInKeyspaceRequest request, StreamObserver<FindAllShardsInKeyspaceResponse> response) {
        unary(response, () -> {
            FindAllShardsInKeyspaceResponse.Builder result = FindAllShardsInKeyspaceResponse.newBuilder();
            for (String shard : topo.getShardNames(request.getKeyspace())) {
                result.putShards(shard, shard(request.getKeyspace(), shard));
            }
            return result.build();
        });
    }

    @Override
    public void deleteShards(DeleteShardsRequest request, StreamObserver<DeleteShardsResponse> response) {
        unary(response, () -> {
            for (io.jvitess.proto.vtctldata.Shard shard : request.getShardsList()) {
                deleteShard(shard.getKeyspace(), shard.getName(), request.getRecursive());
            }
            Set<String> keyspaces = new HashSet<>();
            request.getShardsList().forEach(shard -> keyspaces.add(shard.getKeyspace()));
            keyspaces.forEach(keyspace -> topo.rebuildKeyspaceGraph(keyspace, List.of()));
            return DeleteShardsResponse.getDefaultInstance();
        });
    }

    private void deleteShard(String keyspace, String shard, boolean recursive) {
        shard(keyspace, shard);
        List<Tablet> shardTablets = tabletsOf(keyspace, shard);
        if (!shardTablets.isEmpty() && !recursive) {
            throw VtException.of(VtCode.FAILED_PRECONDITION,
                    "shard %s/%s still has %d tablets in cell; use --recursive or remove them manually", keyspace, shard, shardTablets.size());
        }
        for (Tablet tablet : shardTablets) {
            topo.deleteTablet(tablet.getAlias());
        }
        topo.deleteShard(keyspace, shard);
    }

    @Override
    public void getTablet(GetTabletRequest request, StreamObserver<GetTabletResponse> response) {
        unary(response, () -> GetTabletResponse.newBuilder().setTablet(tablet(request.getTabletAlias())).build());
    }

    @Override
    public void getTablets(GetTabletsRequest request, StreamObserver<GetTabletsResponse> response) {
        unary(response, () -> {
            List<Tablet> result = new ArrayList<>();
            if (request.getTabletAliasesCount() > 0) {
                for (TabletAlias alias : request.getTabletAliasesList()) {
                    result.add(tablet(alias));
                }
            } else {
                List<String> cells = request.getCellsCount() > 0 ? request.getCellsList() : topo.getCellInfoNames();
                for (String cell : cells) {
                    for (Tablet tablet : topo.getTabletsByCell(cell)) {
                        if (matches(tablet, request)) {
                            result.add(tablet);
                        }
                    }
                }
            }
            result.sort(java.util.Comparator.comparing(tablet -> TabletAliases.format(tablet.getAlias())));
            return GetTabletsResponse.newBuilder().addAllTablets(result).build();
        });
    }

    private static boolean matches(Tablet tablet, GetTabletsRequest request) {
        return (request.getKeyspace().isEmpty() || request.getKeyspace().equals(tablet.getKeyspace()))
                && (request.getShard().isEmpty() || request.getShard().equals(tablet.getShard()))
                && (request.getTabletType() == TabletType.UNKNOWN || request.getTabletType() == tablet.getType());
    }

    private Tablet tablet(TabletAlias alias) {
        try {
            return topo.getTablet(alias).value();
        } catch (TopoException e) {
            throw e.is(TopoErrorCode.NO_NODE) ? VtException.of(VtCode.NOT_FOUND, "tablet %s not found", TabletAliases.format(alias)) : e;
        }
    }

    private List<Tablet> tabletsOf(String keyspace, String shard) {
        List<Tablet> result = new ArrayList<>();
        for (String cell : topo.getCellInfoNames()) {
            for (Tablet tablet : topo.getTabletsByCell(cell)) {
                if (tablet.getKeyspace().equals(keyspace) && tablet.getShard().equals(shard)) {
                    result.add(tablet);
                }
            }
        }
        return result;
    }

    @Override
    public void deleteTablets(DeleteTabletsRequest request, StreamObserver<DeleteTabletsResponse> response) {
        unary(response, () -> {
            for (TabletAlias alias : request.getTabletAliasesList()) {
                Tablet tablet = tablet(alias);
                if (tablet.getType() == TabletType.PRIMARY && !request.getAllowPrimary()) {
                    throw VtException.of(VtCode.FAILED_PRECONDITION, "cannot delete tablet %s as it is a primary, use allow_primary flag",
                            TabletAliases.format(alias));
                }
                topo.deleteTablet(alias);
                if (tablet.getType() == TabletType.PRIMARY) {
                    topo.updateShardFields(tablet.getKeyspace(), tablet.getShard(), shard -> shard.getPrimaryAlias().equals(alias)
                            ? shard.toBuilder().clearPrimaryAlias().clearPrimaryTermStartTime().build()
                            : shard);
                }
            }
            return DeleteTabletsResponse.getDefaultInstance();
        });
    }

    @Override
    public void applySchema(ApplySchemaRequest request, StreamObserver<ApplySchemaResponse> response) {
        unary(response, () -> schemaApplier.apply(request));
    }

    @Override
    public void applyVSchema(ApplyVSchemaRequest request, StreamObserver<ApplyVSchemaResponse> response) {
        unary(response, () -> {
            String name = request.getKeyspace();
            keyspace(name);
            if (!request.getSql().isEmpty()) {
                throw VtException.of(VtCode.UNIMPLEMENTED, "ApplyVSchema --sql is not supported yet; use --vschema or --vschema-file");
            }
            Map<String, List<String>> unknownParams = VSchemaValidator.validate(name, request.getVSchema());
            if (request.getStrict() && !unknownParams.isEmpty()) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, "unknown vindex params: %s", unknownParams);
            }
            if (!request.getDryRun()) {
                topo.saveVSchema(name, request.getVSchema());
                if (!request.getSkipRebuild()) {
                    topo.rebuildVSchemaGraph(request.getCellsList());
                }
            }
            ApplyVSchemaResponse.Builder result = ApplyVSchemaResponse.newBuilder().setVSchema(request.getVSchema());
            unknownParams.forEach((vindex, params) -> result.putUnknownVindexParams(vindex,
                    ApplyVSchemaResponse.ParamList.newBuilder().addAllParams(params).build()));
            return result.build();
        });
    }

    @Override
    public void getVSchema(GetVSchemaRequest request, StreamObserver<GetVSchemaResponse> response) {
        unary(response, () -> {
            try {
                return GetVSchemaResponse.newBuilder().setVSchema(topo.getVSchema(request.getKeyspace())).build();
            } catch (TopoException e) {
                throw e.is(TopoErrorCode.NO_NODE)
                        ? VtException.of(VtCode.NOT_FOUND, "no vschema for keyspace %s", request.getKeyspace())
                        : e;
            }
        });
    }

    @Override
    public void getSchema(GetSchemaRequest request, StreamObserver<GetSchemaResponse> response) {
        unary(response, () -> {
            Tablet tablet = tablet(request.getTabletAlias());
            var schema = tablets.getSchema(tablet, io.jvitess.proto.tabletmanagerdata.GetSchemaRequest.newBuilder()
                    .addAllTables(request.getTablesList())
                    .addAllExcludeTables(request.getExcludeTablesList())
                    .setIncludeViews(request.getIncludeViews())
                    .setTableSchemaOnly(request.getTableSchemaOnly() || request.getTableNamesOnly())
                    .build());
            if (request.getTableNamesOnly()) {
                var names = io.jvitess.proto.tabletmanagerdata.SchemaDefinition.newBuilder();
                schema.getTableDefinitionsList().forEach(table -> names.addTableDefinitions(
                        io.jvitess.proto.tabletmanagerdata.TableDefinition.newBuilder().setName(table.getName())));
                schema = names.build();
            } else if (request.getTableSizesOnly()) {
                var sizes = io.jvitess.proto.tabletmanagerdata.SchemaDefinition.newBuilder();
                schema.getTableDefinitionsList().forEach(table -> sizes.addTableDefinitions(
                        io.jvitess.proto.tabletmanagerdata.TableDefinition.newBuilder().setName(table.getName())
                                .setType(table.getType()).setDataLength(table.getDataLength()).setRowCount(table.getRowCount())));
                schema = sizes.build();
            }
            return GetSchemaResponse.newBuilder().setSchema(schema).build();
        });
    }

    @Override
    public void getSrvKeyspaces(GetSrvKeyspacesRequest request, StreamObserver<GetSrvKeyspacesResponse> response) {
        unary(response, () -> {
            GetSrvKeyspacesResponse.Builder result = GetSrvKeyspacesResponse.newBuilder();
            List<String> cells = request.getCellsCount() > 0 ? request.getCellsList() : topo.getCellInfoNames();
            for (String cell : cells) {
                ignoreMissing(() -> result.putSrvKeyspaces(cell, topo.getSrvKeyspace(cell, request.getKeyspace())));
            }
            return result.build();
        });
    }

    @Override
    public void rebuildKeyspaceGraph(RebuildKeyspaceGraphRequest request, StreamObserver<RebuildKeyspaceGraphResponse> response) {
        unary(response, () -> {
            topo.rebuildKeyspaceGraph(request.getKeyspace(), request.getCellsList());
            return RebuildKeyspaceGraphResponse.getDefaultInstance();
        });
    }

    @Override
    public void rebuildVSchemaGraph(RebuildVSchemaGraphRequest request, StreamObserver<RebuildVSchemaGraphResponse> response) {
        unary(response, () -> {
            topo.rebuildVSchemaGraph(request.getCellsList());
            return RebuildVSchemaGraphResponse.getDefaultInstance();
        });
    }

    @Override
    public void getSrvVSchema(GetSrvVSchemaRequest request, StreamObserver<GetSrvVSchemaResponse> response) {
        unary(response, () -> GetSrvVSchemaResponse.newBuilder().setSrvVSchema(topo.getSrvVSchema(request.getCell())).build());
    }

    @Override
    public void getRoutingRules(GetRoutingRulesRequest request, StreamObserver<GetRoutingRulesResponse> response) {
        unary(response, () -> GetRoutingRulesResponse.newBuilder().setRoutingRules(topo.getRoutingRules()).build());
    }

    @Override
    public void applyRoutingRules(ApplyRoutingRulesRequest request, StreamObserver<ApplyRoutingRulesResponse> response) {
        unary(response, () -> {
            topo.saveRoutingRules(request.getRoutingRules());
            if (!request.getSkipRebuild()) {
                topo.rebuildVSchemaGraph(request.getRebuildCellsList());
            }
            return ApplyRoutingRulesResponse.getDefaultInstance();
        });
    }

    @Override
    public void executeFetchAsDBA(ExecuteFetchAsDBARequest request, StreamObserver<ExecuteFetchAsDBAResponse> response) {
        unary(response, () -> {
            Tablet tablet = tablet(request.getTabletAlias());
            return ExecuteFetchAsDBAResponse.newBuilder()
                    .setResult(tablets.executeFetchAsDba(tablet, request.getQuery(), "", request.getDisableBinlogs()))
                    .build();
        });
    }

    @Override
    public void moveTablesCreate(MoveTablesCreateRequest request, StreamObserver<WorkflowStatusResponse> response) {
        unary(response, () -> workflows.moveTablesCreate(request));
    }

    @Override
    public void moveTablesComplete(MoveTablesCompleteRequest request, StreamObserver<MoveTablesCompleteResponse> response) {
        unary(response, () -> workflows.moveTablesComplete(request));
    }

    @Override
    public void reshardCreate(ReshardCreateRequest request, StreamObserver<WorkflowStatusResponse> response) {
        unary(response, () -> workflows.reshardCreate(request));
    }

    @Override
    public void workflowStatus(WorkflowStatusRequest request, StreamObserver<WorkflowStatusResponse> response) {
        unary(response, () -> workflows.status(request));
    }

    @Override
    public void workflowSwitchTraffic(WorkflowSwitchTrafficRequest request, StreamObserver<WorkflowSwitchTrafficResponse> response) {
        unary(response, () -> workflows.switchTraffic(request));
    }

    @Override
    public void workflowDelete(WorkflowDeleteRequest request, StreamObserver<WorkflowDeleteResponse> response) {
        unary(response, () -> workflows.delete(request));
    }

    @Override
    public void workflowUpdate(WorkflowUpdateRequest request, StreamObserver<WorkflowUpdateResponse> response) {
        unary(response, () -> workflows.update(request));
    }

    @Override
    public void getWorkflows(GetWorkflowsRequest request, StreamObserver<GetWorkflowsResponse> response) {
        unary(response, () -> workflows.getWorkflows(request));
    }

    @Override
    public void vDiffCreate(VDiffCreateRequest request, StreamObserver<VDiffCreateResponse> response) {
        unary(response, () -> workflows.vdiffCreate(request));
    }

    @Override
    public void vDiffShow(VDiffShowRequest request, StreamObserver<VDiffShowResponse> response) {
        unary(response, () -> workflows.vdiffShow(request));
    }

    @Override
    public void vDiffStop(VDiffStopRequest request, StreamObserver<VDiffStopResponse> response) {
        unary(response, () -> {
            workflows.vdiffAction(request.getTargetKeyspace(), request.getWorkflow(), "stop", request.getUuid(), request.getTargetShardsList());
            return VDiffStopResponse.getDefaultInstance();
        });
    }

    @Override
    public void vDiffResume(VDiffResumeRequest request, StreamObserver<VDiffResumeResponse> response) {
        unary(response, () -> {
            workflows.vdiffAction(request.getTargetKeyspace(), request.getWorkflow(), "resume", request.getUuid(), request.getTargetShardsList());
            return VDiffResumeResponse.getDefaultInstance();
        });
    }

    @Override
    public void vDiffDelete(VDiffDeleteRequest request, StreamObserver<VDiffDeleteResponse> response) {
        unary(response, () -> {
            workflows.vdiffAction(request.getTargetKeyspace(), request.getWorkflow(), "delete", request.getArg(), List.of());
            return VDiffDeleteResponse.getDefaultInstance();
        });
    }

    @Override
    public void setShardTabletControl(SetShardTabletControlRequest request, StreamObserver<SetShardTabletControlResponse> response) {
        unary(response, () -> workflows.setShardTabletControl(request));
    }

    @Override
    public void refreshStateByShard(RefreshStateByShardRequest request, StreamObserver<RefreshStateByShardResponse> response) {
        unary(response, () -> workflows.refreshStateByShard(request));
    }

    private static void ignoreMissing(Runnable action) {
        try {
            action.run();
        } catch (TopoException e) {
            if (!e.is(TopoErrorCode.NO_NODE)) {
                throw e;
            }
        }
    }

    private static <T> void unary(StreamObserver<T> response, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (TopoException e) {
            response.onError(GrpcErrors.toStatus(VtException.of(topoCode(e), "%s", e.getMessage())));
            return;
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.toStatus(e));
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    private static VtCode topoCode(TopoException e) {
        return switch (e.code()) {
            case NO_NODE -> VtCode.NOT_FOUND;
            case NODE_EXISTS -> VtCode.ALREADY_EXISTS;
            case BAD_VERSION, NODE_NOT_EMPTY -> VtCode.FAILED_PRECONDITION;
            case TIMEOUT -> VtCode.DEADLINE_EXCEEDED;
            case INTERRUPTED -> VtCode.CANCELED;
            case INVALID_ARGUMENT -> VtCode.INVALID_ARGUMENT;
            case NO_IMPLEMENTATION -> VtCode.UNIMPLEMENTED;
        };
    }
}
