package io.jvitess.gateway.vschema;

import com.google.protobuf.util.JsonFormat;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.proto.vschema.SrvVSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VSchemaBuilderTest {

    private static final String SRV_VSCHEMA = """
            {
              "routing_rules": {"rules": [
                {"from_table": "moved", "to_tables": ["b.t2"]},
                {"from_table": "a.t1@replica", "to_tables": ["b.t1"]},
                {"from_table": "gone", "to_tables": []}
              ]},
              "keyspaces": {
                "a": {
                  "sharded": true,
                  "vindexes": {"hash": {"type": "hash"}, "lkp": {"type": "lookup_unique",
                      "params": {"table": "b.lkp", "from": "c", "to": "keyspace_id"}, "owner": "t1"},
                      "bogus": {"type": "no_such_type"}},
                  "tables": {
                    "t1": {"column_vindexes": [{"column": "id", "name": "hash"}, {"column": "c", "name": "lkp"}],
                           "auto_increment": {"column": "id", "sequence": "b.seq"}},
                    "shared": {"column_vindexes": [{"column": "id", "name": "hash"}]},
                    "nopk": {},
                    "nonunique": {"column_vindexes": [{"column": "id", "name": "bogus"}]},
                    "badseq": {"column_vindexes": [{"column": "id", "name": "hash"}], "auto_increment": {"column": "id", "sequence": "nosuch"}},
                    "ref": {"type": "reference"}
                  }
                },
                "b": {"tables": {"seq": {"type": "sequence"}, "t1": {}, "t2": {}, "shared": {}, "lkp": {}}},
                "hidden": {"require_explicit_routing": true, "tables": {"secret": {}}}
              }
            }""";

    private static final VSchema VSCHEMA = build();

    private static VSchema build() {
        try {
            SrvVSchema.Builder builder = SrvVSchema.newBuilder();
            JsonFormat.parser().merge(SRV_VSCHEMA, builder);
            return new VSchemaBuilder(VindexFactory.standard()).build(builder.build(), Set.of("a", "b", "hidden", "served_only"), 7);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VSchema vschema() {
        return VSCHEMA;
    }

    @Test
    void buildsTablesWithPrimaryVindexOwnedLookupAndSequence() throws Exception {
        Table t1 = vschema().tableIn("a", "t1");
        assertThat(t1.keyspace()).isEqualTo(new KeyspaceInfo("a", true));
        assertThat(t1.primaryVindex().orElseThrow().name()).isEqualTo("hash");
        assertThat(t1.ownedVindexes()).extracting(ColumnVindex::name).containsExactly("lkp");
        assertThat(t1.autoIncrement().orElseThrow().sequence()).isEqualTo(vschema().tableIn("b", "seq"));
        assertThat(vschema().tableIn("a", "ref").isReference()).isTrue();
        assertThat(vschema().generation()).isEqualTo(7);
    }

    @Test
    void tablesThatCannotBeBuiltAreLeftOutAndReported() throws Exception {
        VSchema vschema = vschema();
        Keyspace a = vschema.requireKeyspace("a");
        assertThat(a.table("nopk")).isEmpty();
        assertThat(a.table("nonunique")).isEmpty();
        assertThat(a.table("badseq")).isEmpty();
        assertThat(a.error().orElseThrow()).contains("missing primary col vindex for table: nopk")
                .contains("vindexType \"no_such_type\" not found").contains("cannot resolve sequence nosuch");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "-, t1, a, PRIMARY, a.t1",
            "-, ref, -, PRIMARY, a.ref",
            "-, seq, -, PRIMARY, b.seq",
            "-, t2, -, PRIMARY, b.t2",
            "-, moved, -, PRIMARY, b.t2",
            "a, t1, -, REPLICA, b.t1",
            "a, t1, -, PRIMARY, a.t1",
            "-, anything, b, PRIMARY, b.anything",
            "b, whatever, -, PRIMARY, b.whatever",
            "hidden, secret, -, PRIMARY, hidden.secret",
            "served_only, x, -, PRIMARY, served_only.x"})
    void findsTablesLikeVitess(String qualifier, String name, String defaultKeyspace, TabletType type, String expected) throws Exception {
        Table table = vschema().findTable(Optional.ofNullable(qualifier), name, Optional.ofNullable(defaultKeyspace), type);
        assertThat(table.toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "-, shared, ambiguous table reference: shared",
            "-, t1, ambiguous table reference: t1",
            "-, secret, table secret not found",
            "-, gone, table gone has been disabled",
            "a, nosuch, table nosuch not found",
            "nosuchks, t, VT05003: unknown database 'nosuchks' in vschema"})
    void reportsVitessErrors(String qualifier, String name, String message) {
        assertThatThrownBy(() -> vschema().findTable(Optional.ofNullable(qualifier), name, Optional.empty(), TabletType.PRIMARY))
                .isInstanceOf(VtException.class).hasMessage(message);
    }
}
