package io.jvitess.gateway.engine;

import io.jvitess.proto.topodata.ShardReference;

import java.util.List;

/** The shards of a keyspace that serve the session's tablet type, from the serving graph. */
public interface DestinationResolver {

    /**
     * Shards in key-range order.
     *
     * @throws io.jvitess.common.errors.VtException when the keyspace has no serving shards
     */
    List<ShardReference> shards(String keyspace);
}
