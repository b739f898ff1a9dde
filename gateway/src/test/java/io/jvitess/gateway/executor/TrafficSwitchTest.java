package io.jvitess.gateway.executor;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.topoproto.TabletAliases;
import io.jvitess.gateway.srvtopo.ServingGraph;
import io.jvitess.gateway.tabletgateway.TabletGateway;
import io.jvitess.proto.query.Target;
import io.jvitess.sql.parser.ParsedStatement;
import io.jvitess.sql.parser.SqlParser;
import io.jvitess.topo.TopoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When vtgate plans a statement again after a traffic switch refused it, and when it must not. Each
 * execution here stands for one run of the statement's plan: what it records in the session's
 * attempt is what ShardExecutor records for the shard calls it makes.
 */
class TrafficSwitchTest {

    private static final String SQL = "insert into customer (id) values (1)";
    private static final VtException DENIED = VtException.of(VtCode.FAILED_PRECONDITION,
            "target: commerce.0.primary: vttablet: rpc error: code = FailedPrecondition desc = disallowed due to rule: enforce denied tables");

    private final TopoServer topo = TopoServer.inMemory("zone1");
    private final ServingGraph servingGraph = new ServingGraph(topo, "zone1", Duration.ofSeconds(1), Clock.systemUTC());
    private final Session session = new Session(1, "user");

    @AfterEach
    void closeTopo() {
        topo.close();
    }

    @Test
    void withoutBufferingDeniedTablesAreRetriedThreeTimesThenSurface() {
        Execution execution = new Execution(attempt -> {
            throw DENIED;
        });
        assertThatThrownBy(() -> withoutBuffering().run(session, SqlParser.parse(SQL), execution)).isSameAs(DENIED);
        assertThat(execution.runs).hasSize(1 + TrafficSwitch.RETRIES_WITHOUT_BUFFERING);
        assertThat(execution.runs).as("each attempt is planned from a fresh parse").doesNotHaveDuplicates();
    }

    @Test
    void withBufferingTheStatementIsRetriedUntilTheNewRoutingServesIt() {
        Execution execution = new Execution(attempt -> {
            if (attempt < 6) {
                throw DENIED;
            }
            return "ok";
        });
        assertThat(buffering().run(session, SqlParser.parse(SQL), execution)).isEqualTo("ok");
        assertThat(execution.runs).hasSize(6);
    }

    @Test
    void aShardThatLeftTheServingGraphIsPlannedAgain() {
        Target source = Target.newBuilder().setKeyspace("sharded").setShard("0").build();
        Execution execution = new Execution(attempt -> {
            if (attempt == 1) {
                throw new TabletGateway.ShardMissingException(source, VtException.of(VtCode.CLUSTER_EVENT, "operation not allowed in state NOT_SERVING"));
            }
            return "ok";
        });
        assertThat(buffering().run(session, SqlParser.parse(SQL), execution)).isEqualTo("ok");
        assertThat(execution.runs).hasSize(2);
    }

    @Test
    void aStatementWithAShardCallThatRanIsNeverRunAgain() {
        Execution execution = new Execution(attempt -> {
            session.attempt().record("insert into name_lookup values ('a', 1)", null);
            session.attempt().record(SQL, DENIED);
            throw DENIED;
        });
        assertThatThrownBy(() -> buffering().run(session, SqlParser.parse(SQL), execution)).isSameAs(DENIED);
        assertThat(execution.runs).hasSize(1);
    }

    @Test
    void readsAndRefusalsOnOtherShardsDoNotCountAsApplied() {
        Execution execution = new Execution(attempt -> {
            session.attempt().record("/* sequence */ select next 1 values from customer_seq", null);
            session.attempt().record(SQL, VtException.of(VtCode.CLUSTER_EVENT, "operation not allowed in state NOT_SERVING"));
            if (attempt == 1) {
                session.attempt().record(SQL, DENIED);
                throw DENIED;
            }
            return "ok";
        });
        assertThat(buffering().run(session, SqlParser.parse(SQL), execution)).isEqualTo("ok");
        assertThat(execution.runs).hasSize(2);
    }

    @Test
    void nothingIsRetriedInsideATransactionAlreadyOpenOnATablet() {
        session.setInTransaction(true);
        session.addShardSession("commerce.0.primary",
                new ShardSession(Target.newBuilder().setKeyspace("commerce").setShard("0").build(), TabletAliases.of("zone1", 100), 7));
        Execution execution = new Execution(attempt -> {
            throw DENIED;
        });
        assertThatThrownBy(() -> buffering().run(session, SqlParser.parse(SQL), execution)).isSameAs(DENIED);
        assertThat(execution.runs).hasSize(1);
    }

    @Test
    void otherErrorsAreNotRetried() {
        VtException duplicate = VtException.of(VtCode.ALREADY_EXISTS, "Duplicate entry '1' for key 'PRIMARY' (errno 1062) (sqlstate 23000)");
        Execution execution = new Execution(attempt -> {
            throw duplicate;
        });
        assertThatThrownBy(() -> buffering().run(session, SqlParser.parse(SQL), execution)).isSameAs(duplicate);
        assertThat(execution.runs).hasSize(1);
    }

    private TrafficSwitch withoutBuffering() {
        return new TrafficSwitch(servingGraph, Duration.ZERO);
    }

    private TrafficSwitch buffering() {
        return new TrafficSwitch(servingGraph, Duration.ofSeconds(10));
    }

    /** One run of the statement's plan per call; {@code behaviour} gets the attempt number, from 1. */
    private static final class Execution implements Function<ParsedStatement, String> {

        private final Function<Integer, String> behaviour;
        private final List<ParsedStatement> runs = new ArrayList<>();

        Execution(Function<Integer, String> behaviour) {
            this.behaviour = behaviour;
        }

        @Override
        public String apply(ParsedStatement statement) {
            runs.add(statement);
            return behaviour.apply(runs.size());
        }
    }
}
