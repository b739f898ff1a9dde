package io.jvitess.sql.parser;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ParsedStatementTest {

    @Nested
    class Tables {

        /** Expected tables as {@code name} or {@code qualifier.name} separated by spaces; {@code ks.} for a database. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                select * from t                                                         | t
                select * from commerce.customer c join `commerce`.`order` o on c.id = o.cid | commerce.customer commerce.order
                select * from a, b left join (c, d) on a.x = c.x                        | a b c d
                select * from t where id in (select tid from u where exists (select 1 from ks.v)) | t u ks.v
                select (select max(id) from u) from t                                   | u t
                select * from (select * from inner_t) derived                           | inner_t
                select * from t1 union select * from t2 union select * from t1          | t1 t2
                with c as (select * from base) select * from c join other               | base other
                select 1 from dual                                                      |
                select * from ks.dual                                                   | ks.dual
                select 1                                                                |
                insert into t(a) select a from u                                        | t u
                insert into ks.t values (1) on duplicate key update a = 2               | ks.t
                replace into t values (1)                                               | t
                update t x join u on x.id = u.id set x.a = 1                            | t u
                update t set a = (select 1 from u)                                      | t u
                delete from t where id = 1                                              | t
                delete x from t x join u on x.a = u.a                                   | t u
                delete t, u from t join u on t.a = u.a                                  | t u
                create table ks.t (id int)                                              | ks.t
                create table t like ks.u                                                | t ks.u
                alter table t add column x int                                          | t
                drop table a, ks.b                                                      | a ks.b
                truncate table t                                                        | t
                rename table a to b, c to ks.d                                          | a b c ks.d
                create index i on t (a)                                                 | t
                create view v as select * from t                                        | v t
                show create table ks.t                                                  | ks.t
                show create table `t`                                                   | t
                show columns from t                                                     | t
                show full columns from t from ks                                        | ks.t
                show columns from ks.t                                                  | ks.t
                show index from t                                                       | t
                show keys from t from ks                                                | ks.t
                show tables from ks                                                     | ks.
                show tables                                                             |
                describe ks.t                                                           | ks.t
                explain select * from t                                                 | t
                lock tables t read, u write                                             | t u
                set autocommit = 1                                                      |
                """)
        void areCollectedInOrderWithoutDuplicates(String sql, String expected) {
            List<String> names = expected == null ? List.of() : Arrays.asList(expected.split(" "));

            assertThat(SqlParser.parse(sql).tables()).extracting(ParsedStatementTest::render).isEqualTo(names);
        }

        @Test
        void keepCaseAndDropBackquotes() {
            assertThat(SqlParser.parse("select * from `My``Ks`.`Tab`").tables())
                    .containsExactly(new TableName(Optional.of("My`Ks"), "Tab"));
        }
    }

    @Nested
    class WithoutQualifiers {

        static Stream<Arguments> rewrites() {
            return Stream.of(
                    arguments("select * from commerce.customer", "select * from customer"),
                    arguments("select * from `commerce`.`customer` where id = 1", "select * from `customer` where id = 1"),
                    arguments("select commerce.customer.id, c.email from commerce.customer as c", "select customer.id, c.email from customer as c"),
                    arguments("select commerce.customer.* from commerce.customer", "select customer.* from customer"),
                    arguments("SELECT * FROM commerce . customer", "SELECT * FROM customer"),
                    arguments("select * from commerce.a join other.b on commerce.a.x = other.b.x", "select * from a join other.b on a.x = other.b.x"),
                    arguments("select * from t where id in (select id from commerce.u)", "select * from t where id in (select id from u)"),
                    arguments("insert into commerce.t(a) values ('commerce.t')", "insert into t(a) values ('commerce.t')"),
                    arguments("update commerce.t set commerce.t.a = 1 where commerce.t.id = 2", "update t set t.a = 1 where t.id = 2"),
                    arguments("delete from commerce.t where id = 1", "delete from t where id = 1"),
                    arguments("create table commerce.t (id int)", "create table t (id int)"),
                    arguments("alter table commerce.t add column x int", "alter table t add column x int"),
                    arguments("show create table commerce.t", "show create table t"),
                    arguments("show columns from commerce.t", "show columns from t"),
                    arguments("describe commerce.t", "describe t"),
                    arguments("rename table commerce.a to commerce.b", "rename table a to b"),
                    arguments("select /*vt+ QUERY_TIMEOUT_MS=10 */ * from commerce.t -- commerce.t\n", "select /*vt+ QUERY_TIMEOUT_MS=10 */ * from t -- commerce.t\n"),
                    // `user` is both keyspace and table: the column qualifier stays
                    arguments("select user.id from user.user where user.name = 'x'", "select user.id from user where user.name = 'x'"),
                    arguments("select user.user.id from user.user", "select user.id from user"));
        }

        @ParameterizedTest
        @MethodSource("rewrites")
        void removeQualifiersFromTableNamesAndColumnReferences(String sql, String expected) {
            Set<String> keyspaces = Set.of("commerce", "user");

            assertThat(SqlParser.parse(sql).withoutQualifiers(keyspaces)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "select * from customer",
                "select c.id from customer c",
                "select commerce.id from customer commerce",
                "select * from other.customer",
                "select 'commerce.customer' from t",
                "select * from Commerce.customer",
                "select commerce.f(1) from t",
                "select * from t /* commerce.customer */"})
        void returnTheOriginalTextWhenNothingNeedsRemoval(String sql) {
            assertThat(SqlParser.parse(sql).withoutQualifiers(Set.of("commerce"))).isSameAs(sql);
        }

        @Test
        void returnTheOriginalTextForNoQualifiers() {
            String sql = "select * from commerce.customer";

            assertThat(SqlParser.parse(sql).withoutQualifiers(Set.of())).isSameAs(sql);
        }
    }

    @Nested
    class SelectWithoutFrom {

        static Stream<Arguments> selects() {
            return Stream.of(
                    arguments("select @@version", List.of(new SelectExpression("@@version", "@@version", ExpressionKind.SYSTEM_VARIABLE, Optional.of("version")))),
                    arguments("select @@version_comment limit 1",
                            List.of(new SelectExpression("@@version_comment", "@@version_comment", ExpressionKind.SYSTEM_VARIABLE, Optional.of("version_comment")))),
                    arguments("SELECT @@SESSION.auto_increment_increment AS auto_increment_increment, @@character_set_client",
                            List.of(new SelectExpression("@@SESSION.auto_increment_increment", "auto_increment_increment", ExpressionKind.SYSTEM_VARIABLE, Optional.of("auto_increment_increment")),
                                    new SelectExpression("@@character_set_client", "@@character_set_client", ExpressionKind.SYSTEM_VARIABLE, Optional.of("character_set_client")))),
                    arguments("select @@global.read_only, @@local.sql_mode",
                            List.of(new SelectExpression("@@global.read_only", "@@global.read_only", ExpressionKind.SYSTEM_VARIABLE, Optional.of("read_only")),
                                    new SelectExpression("@@local.sql_mode", "@@local.sql_mode", ExpressionKind.SYSTEM_VARIABLE, Optional.of("sql_mode")))),
                    arguments("select database()", List.of(new SelectExpression("database()", "database()", ExpressionKind.FUNCTION_CALL, Optional.of("database")))),
                    arguments("select DATABASE( ), schema()",
                            List.of(new SelectExpression("DATABASE( )", "DATABASE( )", ExpressionKind.FUNCTION_CALL, Optional.of("database")),
                                    new SelectExpression("schema()", "schema()", ExpressionKind.FUNCTION_CALL, Optional.of("schema")))),
                    arguments("select user(), current_user, current_user(), connection_id() as id",
                            List.of(new SelectExpression("user()", "user()", ExpressionKind.FUNCTION_CALL, Optional.of("user")),
                                    new SelectExpression("current_user", "current_user", ExpressionKind.FUNCTION_CALL, Optional.of("current_user")),
                                    new SelectExpression("current_user()", "current_user()", ExpressionKind.FUNCTION_CALL, Optional.of("current_user")),
                                    new SelectExpression("connection_id()", "id", ExpressionKind.FUNCTION_CALL, Optional.of("connection_id")))),
                    arguments("select last_insert_id(), version(), found_rows(), row_count()",
                            List.of(new SelectExpression("last_insert_id()", "last_insert_id()", ExpressionKind.FUNCTION_CALL, Optional.of("last_insert_id")),
                                    new SelectExpression("version()", "version()", ExpressionKind.FUNCTION_CALL, Optional.of("version")),
                                    new SelectExpression("found_rows()", "found_rows()", ExpressionKind.FUNCTION_CALL, Optional.of("found_rows")),
                                    new SelectExpression("row_count()", "row_count()", ExpressionKind.FUNCTION_CALL, Optional.of("row_count")))),
                    arguments("select @X, @`a b` as `lbl`",
                            List.of(new SelectExpression("@X", "@X", ExpressionKind.USER_VARIABLE, Optional.of("x")),
                                    new SelectExpression("@`a b`", "lbl", ExpressionKind.USER_VARIABLE, Optional.of("a b")))),
                    arguments("select 1, 'abc', -2.5, null, true, 0x41 'hex'",
                            List.of(new SelectExpression("1", "1", ExpressionKind.LITERAL, Optional.empty()),
                                    new SelectExpression("'abc'", "abc", ExpressionKind.LITERAL, Optional.empty()),
                                    new SelectExpression("-2.5", "-2.5", ExpressionKind.LITERAL, Optional.empty()),
                                    new SelectExpression("null", "NULL", ExpressionKind.LITERAL, Optional.empty()),
                                    new SelectExpression("true", "true", ExpressionKind.LITERAL, Optional.empty()),
                                    new SelectExpression("0x41", "hex", ExpressionKind.LITERAL, Optional.empty()))),
                    arguments("select /*vt+ A=1 */ distinct 1 + 1, concat('a', ',', 'b') c from dual",
                            List.of(new SelectExpression("1 + 1", "1 + 1", ExpressionKind.OTHER, Optional.empty()),
                                    new SelectExpression("concat('a', ',', 'b')", "c", ExpressionKind.FUNCTION_CALL, Optional.of("concat")))),
                    arguments("(select @@version)", List.of(new SelectExpression("@@version", "@@version", ExpressionKind.SYSTEM_VARIABLE, Optional.of("version")))));
        }

        @ParameterizedTest
        @MethodSource("selects")
        void giveTheExpressionsWithMysqlLabels(String sql, List<SelectExpression> expected) {
            assertThat(SqlParser.parse(sql).selectWithoutFrom()).contains(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "select * from t", "select @@version from t", "select 1 union select 2", "select 1 into @x",
                "insert into t values (1)", "set @x = 1", "show tables"})
        void areAbsentOtherwise(String sql) {
            assertThat(SqlParser.parse(sql).selectWithoutFrom()).isEmpty();
        }

        @Test
        void fallBackToDruidsPrintingUnderAWithClause() {
            assertThat(SqlParser.parse("with c as (select 1) select @@version").selectWithoutFrom())
                    .contains(List.of(new SelectExpression("@@version", "@@version", ExpressionKind.SYSTEM_VARIABLE, Optional.of("version"))));
        }
    }

    @Nested
    class SetAssignments {

        static Stream<Arguments> sets() {
            return Stream.of(
                    arguments("set autocommit=1", List.of(new SetAssignment("session", "autocommit", "1", Optional.of("1")))),
                    arguments("SET AUTOCOMMIT = ON", List.of(new SetAssignment("session", "autocommit", "ON", Optional.of("ON")))),
                    arguments("set autocommit = true", List.of(new SetAssignment("session", "autocommit", "true", Optional.of("1")))),
                    arguments("set @@session.autocommit = 0", List.of(new SetAssignment("session", "autocommit", "0", Optional.of("0")))),
                    arguments("set @@autocommit = 0", List.of(new SetAssignment("session", "autocommit", "0", Optional.of("0")))),
                    arguments("set session sql_safe_updates = 1", List.of(new SetAssignment("session", "sql_safe_updates", "1", Optional.of("1")))),
                    arguments("set local wait_timeout = 10", List.of(new SetAssignment("session", "wait_timeout", "10", Optional.of("10")))),
                    arguments("set global read_only = 1, @@GLOBAL.Max_Connections = 5",
                            List.of(new SetAssignment("global", "read_only", "1", Optional.of("1")),
                                    new SetAssignment("global", "max_connections", "5", Optional.of("5")))),
                    arguments("set sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_DATE'",
                            List.of(new SetAssignment("session", "sql_mode", "'STRICT_TRANS_TABLES,NO_ZERO_DATE'", Optional.of("STRICT_TRANS_TABLES,NO_ZERO_DATE")))),
                    arguments("set sql_mode = concat(@@sql_mode, ',ANSI_QUOTES')",
                            List.of(new SetAssignment("session", "sql_mode", "concat(@@sql_mode, ',ANSI_QUOTES')", Optional.empty()))),
                    arguments("set @x = 5, @Y := 'a''b', @z = null, @w = -1",
                            List.of(new SetAssignment("user", "x", "5", Optional.of("5")),
                                    new SetAssignment("user", "y", "'a''b'", Optional.of("a'b")),
                                    new SetAssignment("user", "z", "null", Optional.empty()),
                                    new SetAssignment("user", "w", "-1", Optional.of("-1")))),
                    arguments("set autocommit = default", List.of(new SetAssignment("session", "autocommit", "default", Optional.empty()))),
                    arguments("set names utf8mb4", List.of(new SetAssignment("names", "names", "utf8mb4", Optional.of("utf8mb4")))),
                    arguments("SET NAMES 'utf8mb4' COLLATE 'utf8mb4_general_ci'",
                            List.of(new SetAssignment("names", "names", "'utf8mb4' COLLATE 'utf8mb4_general_ci'", Optional.of("utf8mb4")))),
                    arguments("set names utf8mb4 collate utf8mb4_bin, autocommit = 0",
                            List.of(new SetAssignment("names", "names", "utf8mb4 collate utf8mb4_bin", Optional.of("utf8mb4")),
                                    new SetAssignment("session", "autocommit", "0", Optional.of("0")))),
                    arguments("set character set utf8", List.of(new SetAssignment("names", "charset", "utf8", Optional.of("utf8")))),
                    arguments("set transaction isolation level read committed",
                            List.of(new SetAssignment("transaction", "transaction_isolation", "READ COMMITTED", Optional.of("READ-COMMITTED")))),
                    arguments("set session transaction isolation level repeatable read",
                            List.of(new SetAssignment("session", "transaction_isolation", "REPEATABLE READ", Optional.of("REPEATABLE-READ")))),
                    arguments("set global transaction read only",
                            List.of(new SetAssignment("global", "transaction_read_only", "READ ONLY", Optional.of("1")))),
                    arguments("set /*vt+ A=1 */ @@session.sql_select_limit = 10, sql_auto_is_null = 0",
                            List.of(new SetAssignment("session", "sql_select_limit", "10", Optional.of("10")),
                                    new SetAssignment("session", "sql_auto_is_null", "0", Optional.of("0")))));
        }

        @ParameterizedTest
        @MethodSource("sets")
        void areReadWithScopeNameAndValue(String sql, List<SetAssignment> expected) {
            assertThat(SqlParser.parse(sql).setAssignments()).isEqualTo(expected);
        }

        @Test
        void areEmptyForOtherStatements() {
            assertThat(SqlParser.parse("select 1").setAssignments()).isEmpty();
        }
    }

    private static String render(TableName table) {
        return table.name().isEmpty() ? table.qualifier().orElseThrow() + "." : table.qualifiedOrName();
    }
}
