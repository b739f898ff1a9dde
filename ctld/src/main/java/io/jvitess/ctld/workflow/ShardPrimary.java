package io.jvitess.ctld.workflow;

import io.jvitess.proto.topodata.KeyRange;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.Tablet;

import static java.util.Objects.requireNonNull;

/** A shard taking part in a workflow, with its topo record and its primary tablet. */
public record ShardPrimary(String keyspace, String shard, Shard record, Tablet primary) {

    public ShardPrimary {
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(shard, "shard is null");
        requireNonNull(record, "record is null");
        requireNonNull(primary, "primary is null");
    }

    public KeyRange keyRange() {
        return record.getKeyRange();
    }

    /** The database the primary's mysqld holds this shard in: {@code vt_<keyspace>} unless overridden (vttestserver). */
    public String databaseName() {
        return primary.getDbNameOverride().isEmpty() ? "vt_" + keyspace : primary.getDbNameOverride();
    }
}
