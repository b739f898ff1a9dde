package io.jvitess.gateway.executor;

import io.jvitess.common.errors.VtException;
import io.jvitess.gateway.srvtopo.ServingGraph;
import io.jvitess.proto.topodata.Keyspace;
import io.jvitess.proto.vschema.Table;
import io.jvitess.sql.parser.SqlParser;
import io.jvitess.sql.target.Target;
import io.jvitess.topo.TopoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyspaceResolverTest {

    private TopoServer topo;
    private KeyspaceResolver resolver;

    @BeforeEach
    void setUp() {
        topo = TopoServer.inMemory("zone1");
        for (String keyspace : List.of("commerce", "customer")) {
            topo.createKeyspace(keyspace, Keyspace.getDefaultInstance());
            topo.createShard(keyspace, "0");
            topo.rebuildKeyspaceGraph(keyspace, List.of());
        }
        topo.saveVSchema("commerce", io.jvitess.proto.vschema.Keyspace.newBuilder()
                .putTables("product", Table.getDefaultInstance()).putTables("shared", Table.getDefaultInstance()).build());
        topo.saveVSchema("customer", io.jvitess.proto.vschema.Keyspace.newBuilder()
                .putTables("customer", Table.getDefaultInstance()).putTables("shared", Table.getDefaultInstance()).build());
        topo.rebuildVSchemaGraph(List.of());
        resolver = new KeyspaceResolver(new ServingGraph(topo, "zone1", Duration.ZERO, Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() {
        topo.close();
    }

    private KeyspaceResolver.Resolution resolve(Session session, String sql) {
        return resolver.resolve(session, SqlParser.parse(sql).tables());
    }

    @Test
    void unqualifiedTablesResolveThroughTheVSchema() {
        Session session = new Session(1, "app");
        assertThat(resolve(session, "select * from product").keyspace()).isEqualTo("commerce");
        assertThat(resolve(session, "insert into customer(id) values (1)").keyspace()).isEqualTo("customer");
    }

    @Test
    void qualifiersNameTheKeyspaceAndAreStripped() {
        KeyspaceResolver.Resolution resolution = resolve(new Session(1, "app"), "select * from customer.shared");
        assertThat(resolution.keyspace()).isEqualTo("customer");
        assertThat(resolution.qualifiersToStrip()).containsExactly("customer");
    }

    @Test
    void theSessionKeyspaceWinsForUnqualifiedNames() {
        Session session = new Session(1, "app");
        session.setTarget(Target.parse("customer"));
        assertThat(resolve(session, "select * from product").keyspace()).isEqualTo("customer");
    }

    @Test
    void systemSchemasGoToTheDefaultKeyspaceUntouched() {
        KeyspaceResolver.Resolution resolution = resolve(new Session(1, "app"), "select * from information_schema.tables");
        assertThat(resolution.systemOnly()).isTrue();
        assertThat(resolution.qualifiersToStrip()).isEmpty();
    }

    @Test
    void rejectsAmbiguousUnknownAndCrossKeyspaceReferences() {
        Session session = new Session(1, "app");
        assertThatThrownBy(() -> resolve(session, "select * from shared"))
                .isInstanceOf(VtException.class).hasMessage("ambiguous table reference: shared");
        assertThatThrownBy(() -> resolve(session, "select * from nosuch"))
                .isInstanceOf(VtException.class).hasMessage("table nosuch not found");
        assertThatThrownBy(() -> resolve(session, "select * from nosuchks.t"))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.errno()).isEqualTo(1049);
                    assertThat(error.getMessage()).isEqualTo("VT05003: unknown database 'nosuchks' in vschema");
                });
        assertThatThrownBy(() -> resolve(session, "select * from product join customer on 1 = 1"))
                .isInstanceOfSatisfying(VtException.class, error -> assertThat(error.errno()).isEqualTo(1235));
    }
}
