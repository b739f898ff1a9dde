package io.jvitess.ctld.workflow;

import io.jvitess.common.key.KeyRanges;
import io.jvitess.proto.binlogdata.Rule;
import io.jvitess.proto.topodata.Shard;
import io.jvitess.proto.topodata.Tablet;
import io.jvitess.proto.vschema.ColumnVindex;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.proto.vschema.Table;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamFiltersTest {

    private static final Keyspace SHARDED = Keyspace.newBuilder()
            .setSharded(true)
            .putTables("customer", Table.newBuilder().addColumnVindexes(ColumnVindex.newBuilder().setColumn("customer_id").setName("hash")).build())
            .putTables("countries", Table.newBuilder().setType("reference").build())
            .build();

    @Test
    void moveTablesIntoAShardedKeyspaceFiltersByThePrimaryVindex() {
        assertThat(WorkflowCreator.moveTablesFilter("customer", "customer", SHARDED, shard("customer", "-80")))
                .isEqualTo("select * from customer where in_keyrange(customer_id, 'customer.hash', '-80')");
        assertThat(WorkflowCreator.moveTablesFilter("customer", "customer", Keyspace.getDefaultInstance(), shard("customer", "0")))
                .isEqualTo("select * from customer");
    }

    @Test
    void reshardStreamsEverythingButReferenceTablesFilteredByTheTargetRange() {
        assertThat(WorkflowCreator.reshardFilter(SHARDED, shard("customer", "80-")).getRulesList()).containsExactly(
                Rule.newBuilder().setMatch("countries").setFilter("exclude").build(),
                Rule.newBuilder().setMatch("/.*").setFilter("80-").build());
        // A merge into one shard takes every row of each source.
        assertThat(WorkflowCreator.reshardFilter(SHARDED, shard("customer", "0")).getRules(1))
                .isEqualTo(Rule.newBuilder().setMatch("/.*").build());
    }

    @Test
    void reverseWorkflowNamesAlternate() {
        assertThat(WorkflowDescriptor.reverseName("cust2cust")).isEqualTo("cust2cust_reverse");
        assertThat(WorkflowDescriptor.reverseName("cust2cust_reverse")).isEqualTo("cust2cust");
    }

    private static ShardPrimary shard(String keyspace, String name) {
        Shard.Builder record = Shard.newBuilder();
        if (KeyRanges.isRangeBased(name)) {
            record.setKeyRange(KeyRanges.fromShardName(name));
        }
        return new ShardPrimary(keyspace, name, record.build(), Tablet.getDefaultInstance());
    }
}
