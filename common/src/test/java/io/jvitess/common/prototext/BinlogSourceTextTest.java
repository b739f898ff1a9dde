package io.jvitess.common.prototext;

import io.jvitess.proto.binlogdata.BinlogSource;
import io.jvitess.proto.binlogdata.Filter;
import io.jvitess.proto.binlogdata.OnDDLAction;
import io.jvitess.proto.binlogdata.Rule;
import io.jvitess.proto.topodata.TabletType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BinlogSourceTextTest {

    @Test
    void writesVitessCompactForm() {
        BinlogSource source = BinlogSource.newBuilder()
                .setKeyspace("commerce")
                .setShard("0")
                .setFilter(Filter.newBuilder().addRules(Rule.newBuilder().setMatch("customer").setFilter("select * from customer")))
                .build();
        assertThat(BinlogSourceText.format(source))
                .isEqualTo("keyspace:\"commerce\" shard:\"0\" filter:{rules:{match:\"customer\" filter:\"select * from customer\"}}");
    }

    @Test
    void roundTripsEveryWrittenField() {
        BinlogSource source = BinlogSource.newBuilder()
                .setKeyspace("customer")
                .setShard("-80")
                .setTabletType(TabletType.REPLICA)
                .addTables("a")
                .setFilter(Filter.newBuilder()
                        .addRules(Rule.newBuilder().setMatch("ref").setFilter("exclude"))
                        .addRules(Rule.newBuilder().setMatch("/.*").setFilter("-80"))
                        .addRules(Rule.newBuilder().setMatch("q").setFilter("select * from q where x = \"a\\b\"")))
                .setOnDdl(OnDDLAction.EXEC)
                .setStopAfterCopy(true)
                .build();
        assertThat(BinlogSourceText.parse(BinlogSourceText.format(source))).isEqualTo(source);
    }

    @Test
    void readsSpacedFormAndSkipsUnknownFields() {
        BinlogSource source = BinlogSourceText.parse("keyspace: \"ks\" shard: \"0\" key_range: {end: \"\\200\"} "
                + "filter: { rules: { match: \"t\" } workflow_name: \"wf\" } source_time_zone: \"UTC\"");
        assertThat(source.getKeyspace()).isEqualTo("ks");
        assertThat(source.getFilter().getRulesList()).containsExactly(Rule.newBuilder().setMatch("t").build());
    }
}
