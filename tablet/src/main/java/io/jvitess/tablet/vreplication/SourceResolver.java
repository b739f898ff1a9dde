package io.jvitess.tablet.vreplication;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.tablet.vstreamer.SourceEndpoint;
import io.jvitess.topo.TopoServer;

/** Finds the mysqld a stream reads from: the source shard's PRIMARY as recorded in the topo. */
@FunctionalInterface
public interface SourceResolver {

    SourceEndpoint resolve(String keyspace, String shard);

    static SourceResolver primaryOf(TopoServer topo, String user) {
        return (keyspace, shard) -> {
            Shard record = topo.getShard(keyspace, shard).value();
            if (!record.hasPrimaryAlias()) {
                throw VtException.of(VtCode.UNAVAILABLE, "source shard %s/%s has no primary", keyspace, shard);
            }
            Tablet primary = topo.getTablet(record.getPrimaryAlias()).value();
            String host = primary.getMysqlHostname().isEmpty() || primary.getMysqlHostname().equals("localhost")
                    ? "127.0.0.1" : primary.getMysqlHostname();
            String database = primary.getDbNameOverride().isEmpty() ? "vt_" + keyspace : primary.getDbNameOverride();
            return new SourceEndpoint(host, primary.getMysqlPort(), user, "", database);
        };
    }
}
