package io.jvitess.sql.parser;

import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            select 1                                                            | SELECT
            select * from t where id = 1                                        | SELECT
            select @@version_comment limit 1                                    | SELECT
            with c as (select 1) select * from c                                | SELECT
            select 1 union select 2                                             | UNION
            (select 1) union all (select 2) order by 1                          | UNION
            insert into t(a) values (1)                                         | INSERT
            insert into t(a) values (1) on duplicate key update a = values(a)   | INSERT
            insert ignore into t select * from u                                | INSERT
            replace into t values (1)                                           | REPLACE
            update t set a = 1 where id = 2                                     | UPDATE
            delete from t where id = 1                                          | DELETE
            create table t (id bigint primary key) comment 'vitess_sequence'    | DDL
            create table t2 like t                                              | DDL
            alter table t add column x int                                      | DDL
            drop table if exists t                                              | DDL
            truncate table t                                                    | DDL
            rename table a to b                                                 | DDL
            create index i on t (a)                                             | DDL
            create view v as select * from t                                    | DDL
            create database d                                                   | DDL
            set autocommit=0                                                    | SET
            set @@session.autocommit = 1                                        | SET
            set names utf8mb4                                                   | SET
            set transaction isolation level read committed                      | SET
            begin                                                               | BEGIN
            begin work                                                          | BEGIN
            start transaction                                                   | BEGIN
            start transaction with consistent snapshot                          | BEGIN
            commit                                                              | COMMIT
            commit work                                                         | COMMIT
            rollback                                                            | ROLLBACK
            rollback to savepoint sp1                                           | SAVEPOINT
            savepoint sp1                                                       | SAVEPOINT
            release savepoint sp1                                               | RELEASE_SAVEPOINT
            show tables                                                         | SHOW
            show full tables from ks                                            | SHOW
            show create table t                                                 | SHOW
            show columns from t                                                 | SHOW
            show index from t                                                   | SHOW
            show variables like 'version%'                                      | SHOW
            show warnings                                                       | SHOW
            show full processlist                                               | SHOW
            use ks                                                              | USE
            explain select * from t                                             | EXPLAIN
            describe t                                                          | EXPLAIN
            desc t                                                              | EXPLAIN
            call p(1)                                                           | CALL
            flush tables                                                        | FLUSH
            lock tables t read                                                  | OTHER
            unlock tables                                                       | OTHER
            kill 3                                                              | OTHER
            grant all on *.* to u                                               | OTHER
            create user u                                                       | OTHER
            drop user u                                                         | OTHER
            set password = 'x'                                                  | OTHER
            optimize table t                                                    | OTHER
            """)
    void classifies(String sql, StatementKind kind) {
        assertThat(SqlParser.parse(sql).kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            insert into t values (1)                         | true  | false
            replace into t values (1)                        | true  | false
            update t set a = 1                               | true  | false
            delete from t                                    | true  | false
            select * from t                                  | false | true
            select 1 union select 2                          | false | true
            show tables                                      | false | true
            explain select * from t for update               | false | true
            select * from t for update                       | false | false
            select * from t for share                        | false | false
            select * from t lock in share mode               | false | false
            select * from t where id in (select id from u for update) | false | false
            select 1 from t union select 2 from u for update | false | false
            set autocommit = 1                               | false | false
            begin                                            | false | false
            create table t (id int)                          | false | false
            """)
    void tellsDmlAndReadOnlyStatements(String sql, boolean dml, boolean readsOnly) {
        ParsedStatement statement = SqlParser.parse(sql);

        assertThat(statement.isDml()).isEqualTo(dml);
        assertThat(statement.readsOnly()).isEqualTo(readsOnly);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            selec 1                     | syntax error at position 6 near 'selec'
            select 1 bad bad bad        | syntax error at position 17 near 'bad'
            select * frm t              | syntax error at position 13 near 'frm'
            select * from t where       | syntax error at position 22
            select * from t where a = ( | syntax error at position 28
            insert into t values (1,)   | syntax error at position 26 near ')'
            select 'abc                 | syntax error at position 12 near 'abc'
            select 1; select 2          | syntax error at position 17 near 'select'
            show vitess_tablets         | syntax error at position 20 near 'vitess_tablets'
            select next 10 values from seq | syntax error at position 15 near '10'
            use customer:-80            | syntax error at position 14 near ':'
            foo bar                     | syntax error at position 4 near 'foo'
            /*!40101 SET NAMES */       | syntax error at position 20
            """)
    void reportsSyntaxErrorsLikeVitess(String sql, String message) {
        assertThatThrownBy(() -> SqlParser.parse(sql))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.code()).isEqualTo(VtCode.INVALID_ARGUMENT);
                    assertThat(error.sqlState()).isEqualTo(SqlState.SYNTAX_ERROR);
                    assertThat(error.errno()).isEqualTo(1064);
                })
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "/* nothing */", "-- nothing", ";"})
    void reportsEmptyQueries(String sql) {
        assertThatThrownBy(() -> SqlParser.parse(sql))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.code()).isEqualTo(VtCode.INVALID_ARGUMENT);
                    assertThat(error.sqlState()).isEqualTo(new SqlState(1065, "42000"));
                })
                .hasMessage("Query was empty");
    }

    /** Druid needs its optional commons-lang3 for these; the client still gets a syntax error, not a dropped connection. */
    @ParameterizedTest
    @ValueSource(strings = {"select next value from t", "select next value for t", "select id, next value for t from t"})
    void reportsInputDruidCannotHandleAsSyntaxErrors(String sql) {
        assertThatThrownBy(() -> SqlParser.parse(sql))
                .isInstanceOfSatisfying(VtException.class, error -> assertThat(error.errno()).isEqualTo(1064));
    }

    @Test
    void survivesDeepNesting() {
        String deep = "select " + "(".repeat(20_000) + "1" + ")".repeat(20_000);

        assertThatThrownBy(() -> SqlParser.parse(deep)).isInstanceOf(VtException.class);
    }

    @Test
    void acceptsATrailingSemicolonAndKeepsTheText() {
        String sql = "select /*vt+ QUERY_TIMEOUT_MS=10 */ 1;";
        ParsedStatement statement = SqlParser.parse(sql);

        assertThat(statement.sql()).isSameAs(sql);
        assertThat(statement.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(statement.ast()).isInstanceOf(SQLSelectStatement.class);
    }

    @Test
    void describesExecutableCommentsByTheirContent() {
        String sql = "/*!40101 SET NAMES utf8mb4 */";
        ParsedStatement statement = SqlParser.parse(sql);

        assertThat(statement.sql()).isEqualTo(sql);
        assertThat(statement.kind()).isEqualTo(StatementKind.SET);
        assertThat(statement.setAssignments()).containsExactly(new SetAssignment("names", "names", "utf8mb4", java.util.Optional.of("utf8mb4")));
        assertThat(SqlParser.parse("/*!40000 ALTER TABLE `commerce`.`t` DISABLE KEYS */").withoutQualifiers(java.util.Set.of("commerce")))
                .isEqualTo("/*!40000 ALTER TABLE `t` DISABLE KEYS */");
    }
}
