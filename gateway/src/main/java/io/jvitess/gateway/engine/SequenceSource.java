package io.jvitess.gateway.engine;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.vschema.KeyspaceInfo;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A sequence table to reserve auto-increment values from: {@code select next N values from seq}
 * on the one shard holding it, outside any transaction, as Vitess does.
 */
public record SequenceSource(KeyspaceInfo keyspace, String table, Destination destination) {

    public SequenceSource {
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(table, "table is null");
        requireNonNull(destination, "destination is null");
    }

    /** Reserves {@code count} values and returns the first. */
    public long reserve(ExecutionContext context, long count) {
        List<String> shards = destination.resolve(context.destinations().shards(keyspace.name()));
        if (shards.size() != 1) {
            throw VtException.of(VtCode.FAILED_PRECONDITION, "auto sequence generation can happen through single shard only, it is getting routed to %d shards",
                    shards.size());
        }
        String sql = "select next " + count + " values from " + table;
        ResultSet result = context.shardQueries().execute(List.of(new ShardQuery(keyspace.name(), shards.getFirst(), sql)), true).getFirst();
        if (result.rows().isEmpty() || result.rows().getFirst().isEmpty()) {
            throw VtException.of(VtCode.INTERNAL, "sequence %s returned no value", table);
        }
        SqlValue first = result.rows().getFirst().getFirst();
        return Long.parseLong(first.text().trim());
    }

    public String describe() {
        return "select next :n /* INT64 */ values from " + table;
    }
}
