package io.jvitess.sql.vitess;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class VitessStatementParserTest {

    static Stream<Arguments> vitessStatements() {
        return Stream.of(
                arguments("use ks", new Use("ks")),
                arguments("USE ks;", new Use("ks")),
                arguments("use ks@replica", new Use("ks@replica")),
                arguments("use `ks:-80@replica`", new Use("ks:-80@replica")),
                arguments("use `ks`@`replica`", new Use("ks@replica")),
                arguments("use ks/80-", new Use("ks/80-")),
                arguments("use ks:-80", new Use("ks:-80")),
                arguments("use ks:80-c0@rdonly", new Use("ks:80-c0@rdonly")),
                arguments("use ks[10-20]", new Use("ks[10-20]")),
                arguments("use `my``ks`", new Use("my`ks")),
                arguments("use", new Use("")),
                arguments("  use ;", new Use("")),
                arguments("/* c */ use\n\tks -- trailing", new Use("ks")),
                arguments("show vitess_tablets", new ShowVitessTablets(Optional.empty())),
                arguments("SHOW   VITESS_TABLETS like '%zone1%'", new ShowVitessTablets(Optional.of("%zone1%"))),
                arguments("show vitess_shards", new ShowVitessShards(Optional.empty())),
                arguments("show vitess_shards like \"ks/%\"", new ShowVitessShards(Optional.of("ks/%"))),
                arguments("show vitess_target", new ShowVitessTarget()),
                arguments("show keyspaces", new ShowKeyspaces(Optional.empty())),
                arguments("show vitess_keyspaces like 'c%'", new ShowKeyspaces(Optional.of("c%"))),
                arguments("show databases", new ShowDatabases(Optional.empty())),
                arguments("show schemas like 'c%';", new ShowDatabases(Optional.of("c%"))),
                arguments("show vschema tables", new ShowVschemaTables()),
                arguments("show VSchema Keyspaces", new ShowVschemaKeyspaces()),
                arguments("show vschema vindexes", new ShowVschemaVindexes(Optional.empty())),
                arguments("show vschema vindexes on customer", new ShowVschemaVindexes(Optional.of("customer"))),
                arguments("show vschema vindexes from `ks`.`customer`", new ShowVschemaVindexes(Optional.of("ks.customer"))),
                arguments("show vitess_replication_status", new ShowVitessReplicationStatus(Optional.empty())),
                arguments("show vitess_replication_status like 'ks%'", new ShowVitessReplicationStatus(Optional.of("ks%"))),
                arguments("select next 10 values from seq", new SelectNext(10, Optional.empty(), "seq")),
                arguments("SELECT NEXT VALUE FROM seq", new SelectNext(1, Optional.empty(), "seq")),
                arguments("select next 2 values for `ks`.`user_seq`;", new SelectNext(2, Optional.of("ks"), "user_seq")),
                arguments("select /*vt+ X=1 */ next value from ks.seq", new SelectNext(1, Optional.of("ks"), "seq")),
                arguments("vexplain select 1", new VExplain("plan", "select 1")),
                arguments("vexplain plan select * from t", new VExplain("plan", "select * from t")),
                arguments("VEXPLAIN QUERIES select * from t;", new VExplain("queries", "select * from t")),
                arguments("vexplain all /*vt+ X=1 */ select 1", new VExplain("all", "/*vt+ X=1 */ select 1")),
                arguments("explain format=vitess select * from t", new VExplain("plan", "select * from t")),
                arguments("EXPLAIN FORMAT = VITESS insert into t values (1)", new VExplain("plan", "insert into t values (1)")),
                arguments("explain format=vtexplain select 1", new VExplain("queries", "select 1")));
    }

    @ParameterizedTest
    @MethodSource("vitessStatements")
    void recognizes(String sql, VitessStatement expected) {
        assertThat(VitessStatementParser.parse(sql)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "  ", "-- only a comment", "select 1", "select next from t", "select next, x from t", "select * from next_values",
            "show tables", "show databases where `Database` = 'x'", "show create table t", "show vitess_migrations",
            "explain select 1", "explain format=json select 1", "describe t", "insert into seq values (1)", "set autocommit=1",
            "'use ks'", "(select 1)"})
    void leavesOrdinaryMysqlAlone(String sql) {
        assertThat(VitessStatementParser.parse(sql)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            show vitess_tablets where x = 1      | syntax error at position 26 near 'where'
            show vitess_tablets like             | syntax error at position 25
            show vitess_target extra             | syntax error at position 25 near 'extra'
            show vschema vindexes in t           | syntax error at position 25 near 'in'
            show vschema                         | syntax error at position 13
            use ks extra                         | syntax error at position 13 near 'extra'
            use 'ks'                             | syntax error at position 9 near ''ks''
            select next 10 values                | syntax error at position 22
            select next value from seq where a=1 | syntax error at position 33 near 'where'
            vexplain                             | syntax error at position 9
            vexplain queries                     | syntax error at position 17
            explain format=vitess                | syntax error at position 22
            """)
    void rejectsMalformedVitessStatements(String sql, String message) {
        assertThatThrownBy(() -> VitessStatementParser.parse(sql))
                .isInstanceOfSatisfying(VtException.class, error -> {
                    assertThat(error.code()).isEqualTo(VtCode.INVALID_ARGUMENT);
                    assertThat(error.sqlState()).isEqualTo(SqlState.SYNTAX_ERROR);
                })
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"select next 0 values from seq", "select next 99999999999999999999 values from seq"})
    void rejectsBadSequenceCounts(String sql) {
        assertThatThrownBy(() -> VitessStatementParser.parse(sql))
                .isInstanceOfSatisfying(VtException.class, error -> assertThat(error.code()).isEqualTo(VtCode.INVALID_ARGUMENT));
    }
}
