package io.jvitess.gateway.executor;

import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Type;
import io.jvitess.sql.parser.SqlParser;
import io.jvitess.sql.target.Target;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSelectTest {

    private final LocalSelect localSelect = new LocalSelect("8.0.40-Vitess");

    private Optional<QueryResult> evaluate(Session session, String sql) {
        return SqlParser.parse(sql).selectWithoutFrom().flatMap(expressions -> localSelect.evaluate(session, expressions));
    }

    @Test
    void answersVersionAndDatabaseLocally() {
        Session session = new Session(7, "app");
        session.setTarget(Target.parse("commerce@replica"));
        QueryResult result = evaluate(session, "select @@version, database(), connection_id()").orElseThrow();
        assertThat(result.getFieldsList()).extracting(field -> field.getName()).containsExactly("@@version", "database()", "connection_id()");
        assertThat(result.getFields(2).getType()).isEqualTo(Type.UINT64);
        assertThat(Results.value(result, 0, 0)).isEqualTo("8.0.40-Vitess");
        assertThat(Results.value(result, 0, 1)).isEqualTo("commerce");
        assertThat(Results.value(result, 0, 2)).isEqualTo("7");
    }

    @Test
    void databaseIsNullWithoutAKeyspace() {
        QueryResult result = evaluate(new Session(1, "app"), "select database()").orElseThrow();
        assertThat(Results.value(result, 0, 0)).isNull();
    }

    @Test
    void lastInsertIdAndLiteralsComeFromTheSession() {
        Session session = new Session(1, "app");
        session.setLastInsertId(42);
        session.userVariables().put("x", "hello");
        QueryResult result = evaluate(session, "select last_insert_id(), 1, 'a''b', @x").orElseThrow();
        assertThat(Results.value(result, 0, 0)).isEqualTo("42");
        assertThat(Results.value(result, 0, 1)).isEqualTo("1");
        assertThat(result.getFields(1).getType()).isEqualTo(Type.INT64);
        assertThat(Results.value(result, 0, 2)).isEqualTo("a'b");
        assertThat(Results.value(result, 0, 3)).isEqualTo("hello");
    }

    @Test
    void leavesAnythingElseToATablet() {
        Session session = new Session(1, "app");
        assertThat(evaluate(session, "select now()")).isEmpty();
        assertThat(evaluate(session, "select @@innodb_buffer_pool_size")).isEmpty();
        assertThat(evaluate(session, "select 1 + 1")).isEmpty();
    }
}
