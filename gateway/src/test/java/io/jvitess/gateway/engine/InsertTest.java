package io.jvitess.gateway.engine;

import io.jvitess.common.key.Destination;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.ColumnVindex;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.vindexes.VindexRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InsertTest {

    private static final KeyspaceInfo USER = new KeyspaceInfo("user", true);
    private static final ColumnVindex PRIMARY = new ColumnVindex(List.of("id"), "hash",
            VindexRegistry.standard().create("hash", "hash", Map.of()), false);

    private static InsertCell literal(long value) {
        return new InsertCell(SqlTemplate.parse(Long.toString(value)), Optional.of(new EvalExpression.Literal(SqlValue.ofLong(value))));
    }

    private static InsertCell nullCell() {
        return new InsertCell(SqlTemplate.parse("null"), Optional.of(new EvalExpression.Literal(SqlValue.NULL)));
    }

    private static InsertCell text(String sql) {
        return new InsertCell(SqlTemplate.parse(sql), Optional.empty());
    }

    @Test
    void splitsRowsPerShardAndFillsAutoIncrementFromTheSequence() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").keyspace("main", "0").respond(query -> query.keyspace().equals("main")
                ? FakeShards.result("nextval:INT64", "4") : new ResultSet(List.of(), List.of(), query.sql().split("\\), \\(").length, 0));
        Insert insert = new Insert(true, USER, "user", "insert into user(id, name) values ", List.of(
                List.of(literal(1), text("'a'")), List.of(nullCell(), text("'b'")), List.of(literal(0), text("now()"))),
                SqlTemplate.parse(""), List.of(new InsertVindex(PRIMARY, List.of(0))), 0,
                Optional.of(new SequenceSource(new KeyspaceInfo("main", false), "user_seq", new Destination.AnyShard())), false);
        ResultSet result = insert.execute(shards.context(), BindVariables.empty());
        // hash: 1 -> -80, 4 -> 80-, 5 -> -80
        assertThat(shards.log()).containsExactly(
                "main/0: select next 2 values from user_seq [autocommit]",
                "user/-80: insert into user(id, name) values (1, 'a'), (5, now())",
                "user/80-: insert into user(id, name) values (4, 'b')");
        assertThat(result.insertId()).isEqualTo(4);
        assertThat(result.rowsAffected()).isEqualTo(3);
    }

    @Test
    void aUserSuppliedValueDoesNotTouchTheSequence() {
        FakeShards shards = new FakeShards().keyspace("user", "-80", "80-").keyspace("main", "0");
        Insert insert = new Insert(true, USER, "user", "insert into user(id) values ", List.of(List.of(literal(6))), SqlTemplate.parse(""),
                List.of(new InsertVindex(PRIMARY, List.of(0))), 0,
                Optional.of(new SequenceSource(new KeyspaceInfo("main", false), "user_seq", new Destination.AnyShard())), false);
        insert.execute(shards.context(), BindVariables.empty());
        assertThat(shards.log()).containsExactly("user/80-: insert into user(id) values (6)");
    }
}
