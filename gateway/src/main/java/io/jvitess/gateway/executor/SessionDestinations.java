package io.jvitess.gateway.executor;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.gateway.engine.DestinationResolver;
import io.jvitess.gateway.srvtopo.ServingGraph;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.proto.topodata.TabletType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A keyspace's shards for the session's tablet type, from the serving graph (PRIMARY partitions when the type has none). */
final class SessionDestinations implements DestinationResolver {

    private final ServingGraph servingGraph;
    private final TabletType tabletType;

    SessionDestinations(ServingGraph servingGraph, TabletType tabletType) {
        this.servingGraph = requireNonNull(servingGraph, "servingGraph is null");
        this.tabletType = requireNonNull(tabletType, "tabletType is null");
    }

    @Override
    public List<ShardReference> shards(String keyspace) {
        List<ShardReference> shards = servingGraph.shards(keyspace, tabletType);
        if (shards.isEmpty()) {
            shards = servingGraph.shards(keyspace, TabletType.PRIMARY);
        }
        if (shards.isEmpty()) {
            throw VtException.of(VtCode.UNAVAILABLE, "keyspace %s has no serving shards", keyspace);
        }
        return shards;
    }
}
