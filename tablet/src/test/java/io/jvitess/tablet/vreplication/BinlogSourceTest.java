package io.jvitess.tablet.vreplication;

import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.Type;
import io.jvitess.tablet.vstreamer.FilterRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogSourceTest {

    @Test
    void parsesVitessPrototext() {
        BinlogSource source = BinlogSource.parse("keyspace:\"commerce\" shard:\"0\" filter:{rules:{match:\"customer\" "
                + "filter:\"select * from customer\"}}");
        assertThat(source).isEqualTo(new BinlogSource("commerce", "0",
                List.of(new FilterRule("customer", "select * from customer")), false));
    }

    @Test
    void skipsFieldsItDoesNotUse() {
        BinlogSource source = BinlogSource.parse("keyspace: \"ks\"  shard: \"-80\" tablet_type: PRIMARY key_range: {end: \"\\200\"} "
                + "filter: { rules: { match: \"ref\" filter: \"exclude\" } rules: { match: \"/.*\" filter: \"-80\" } "
                + "workflow_name: \"wf\" } on_ddl: EXEC stop_after_copy: true");
        assertThat(source.keyspace()).isEqualTo("ks");
        assertThat(source.shard()).isEqualTo("-80");
        assertThat(source.stopAfterCopy()).isTrue();
        assertThat(source.rules()).containsExactly(new FilterRule("ref", "exclude"), new FilterRule("/.*", "-80"));
    }

    @Test
    void printsWhatItParses() {
        BinlogSource source = new BinlogSource("commerce", "0", List.of(
                new FilterRule("customer", "select * from customer where in_keyrange(id, 'customer.hash', '-80')"),
                new FilterRule("/.*", "")), true);
        assertThat(source.toPrototext()).isEqualTo("keyspace:\"commerce\" shard:\"0\" filter:{rules:{match:\"customer\" "
                + "filter:\"select * from customer where in_keyrange(id, 'customer.hash', '-80')\"} rules:{match:\"/.*\"}} "
                + "stop_after_copy:true");
        assertThat(BinlogSource.parse(source.toPrototext())).isEqualTo(source);
    }

    @Test
    void rejectsBrokenText() {
        assertThatThrownBy(() -> BinlogSource.parse("keyspace:\"ks\" filter:{rules:{match:\"t\"")).isInstanceOf(VtException.class);
    }

    @Test
    void lastPkRoundTripsThroughPrototext() {
        LastPk lastPk = new LastPk(List.of("id", "name"),
                List.of(SqlValue.ofLong(42), SqlValue.ofBytes(new byte[] {'a', '"', 0, (byte) 0xC3, (byte) 0xBC})));
        String text = lastPk.toPrototext();
        assertThat(text).startsWith("fields:{name:\"id\" type:INT64} fields:{name:\"name\" type:VARBINARY} rows:{lengths:2 lengths:5 ");
        LastPk parsed = LastPk.parse(text);
        assertThat(parsed).isEqualTo(lastPk);
        assertThat(parsed.values().getFirst().type()).isEqualTo(Type.INT64);
    }

    @Test
    void lastPkKeepsNulls() {
        LastPk lastPk = new LastPk(List.of("a", "b"), List.of(SqlValue.NULL, SqlValue.ofLong(-7)));
        assertThat(LastPk.parse(lastPk.toPrototext())).isEqualTo(lastPk);
    }
}
