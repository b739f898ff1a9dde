package io.jvitess.gateway.integration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jvitess.gateway.integration.ShardedTestCluster.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end on a real mysqld through the MySQL protocol: a keyspace sharded -80/80- by hash(id)
 * with a lookup vindex and a sequence, and an unsharded keyspace holding the sequences and
 * lookup tables. Checks where rows land and that cross-shard queries answer like one MySQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardedQueriesIntegrationTest {

    private static final String USER_VSCHEMA = """
            {
              "sharded": true,
              "vindexes": {
                "hash": {"type": "hash"},
                "name_user_map": {"type": "lookup", "params": {"table": "main.name_user_map", "from": "name", "to": "keyspace_id"}, "owner": "user"},
                "music_user_map": {"type": "lookup_unique", "params": {"table": "main.music_user_map", "from": "music_id", "to": "keyspace_id"}, "owner": "music"}
              },
              "tables": {
                "user": {
                  "column_vindexes": [{"column": "id", "name": "hash"}, {"column": "name", "name": "name_user_map"}],
                  "auto_increment": {"column": "id", "sequence": "main.user_seq"}
                },
                "user_extra": {"column_vindexes": [{"column": "user_id", "name": "hash"}]},
                "music": {
                  "column_vindexes": [{"column": "user_id", "name": "hash"}, {"column": "id", "name": "music_user_map"}],
                  "auto_increment": {"column": "id", "sequence": "main.music_seq"}
                },
                "ref": {"type": "reference"}
              }
            }""";
    private static final String MAIN_VSCHEMA = """
            {
              "tables": {
                "user_seq": {"type": "sequence"},
                "music_seq": {"type": "sequence"},
                "name_user_map": {},
                "music_user_map": {},
                "unsharded": {}
              }
            }""";

    private static final ShardedTestCluster cluster = new ShardedTestCluster();

    @BeforeAll
    static void start() throws Exception {
        cluster.start(Map.of(
                "user", List.of(
                        "create table user (id bigint primary key, name varchar(64), col bigint) engine=InnoDB",
                        "create table user_extra (user_id bigint primary key, extra varchar(64)) engine=InnoDB",
                        "create table music (id bigint primary key, user_id bigint, title varchar(64)) engine=InnoDB",
                        "create table ref (id bigint primary key, label varchar(16)) engine=InnoDB",
                        "insert into ref values (1, 'one'), (2, 'two')"),
                "main", List.of(
                        "create table user_seq (id int, next_id bigint, cache bigint, primary key (id)) comment 'vitess_sequence'",
                        "insert into user_seq values (0, 100, 10)",
                        "create table music_seq (id int, next_id bigint, cache bigint, primary key (id)) comment 'vitess_sequence'",
                        "insert into music_seq values (0, 1000, 10)",
                        "create table name_user_map (name varchar(64), keyspace_id varbinary(128), primary key (name, keyspace_id))",
                        "create table music_user_map (music_id bigint primary key, keyspace_id varbinary(128))",
                        "create table unsharded (a bigint primary key, b varchar(16))",
                        "create table autoinc (id bigint not null auto_increment primary key, v varchar(16))")),
                Map.of("user", USER_VSCHEMA, "main", MAIN_VSCHEMA));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    @Order(1)
    void insertsRouteEachRowToTheShardOfItsPrimaryVindex() throws Exception {
        try (Connection connection = cluster.gateway("user")) {
            execute(connection, "insert into user (id, name, col) values (1, 'alice', 10), (2, 'bob', 20), (3, 'carol', 30), "
                    + "(4, 'dave', 40), (5, 'bob', 50), (6, 'erin', 60)");
            execute(connection, "insert into user_extra (user_id, extra) values (1, 'x1'), (4, 'x4'), (6, 'x6')");
        }
        // hash: 1, 2, 3, 5 -> -80; 4, 6 -> 80- (the Vitess test vectors)
        assertThat(column(cluster.shard("user", "-80"), "select id from user order by id")).containsExactly("1", "2", "3", "5");
        assertThat(column(cluster.shard("user", "80-"), "select id from user order by id")).containsExactly("4", "6");
        assertThat(column(cluster.shard("user", "80-"), "select user_id from user_extra order by user_id")).containsExactly("4", "6");
        assertThat(column(cluster.shard("main", "0"), "select name from name_user_map order by name, keyspace_id"))
                .containsExactly("alice", "bob", "bob", "carol", "dave", "erin");
    }

    @Test
    @Order(2)
    void autoIncrementComesFromTheSequenceAndSetsLastInsertId() throws Exception {
        try (Connection connection = cluster.gateway("user")) {
            execute(connection, "insert into user (name, col) values ('frank', 70), ('grace', 80)");
            assertThat(value(connection, "select last_insert_id()")).isEqualTo("100");
            assertThat(column(connection, "select id from user where name in ('frank', 'grace') order by id")).containsExactly("100", "101");
            assertThat(value(connection, "select next 2 values from main.user_seq")).isEqualTo("102");
            execute(connection, "delete from user where id in (100, 101)");
        }
    }

    @Test
    @Order(3)
    void scatterSelectMergesSortsAndLimits() throws Exception {
        try (Connection connection = cluster.gateway("user")) {
            assertThat(column(connection, "select id from user order by id")).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(column(connection, "select name from user order by name desc, id limit 3")).containsExactly("erin", "dave", "carol");
            assertThat(column(connection, "select id from user order by col desc limit 2, 2")).containsExactly("4", "3");
            assertThat(column(connection, "select * from user order by id limit 1")).containsExactly("1");
            assertThat(value(connection, "select name from user where id = 4")).isEqualTo("dave");
            assertThat(column(connection, "select id from user where id in (1, 4, 6) order by id")).containsExactly("1", "4", "6");
            assertThat(column(connection, "select id from user where name = 'bob' order by id")).containsExactly("2", "5");
            assertThat(column(connection, "select distinct name from user order by name")).containsExactly("alice", "bob", "carol", "dave", "erin");
        }
    }

    @Test
    @Order(4)
    void aggregatesCombineAcrossShards() throws Exception {
        try (Connection connection = cluster.gateway("user")) {
            assertThat(value(connection, "select count(*) from user")).isEqualTo("6");
            assertThat(value(connection, "select sum(col) from user")).isEqualTo("210");
            assertThat(value(connection, "select avg(col) from user")).isEqualTo("35.0000");
            assertThat(value(connection, "select min(name) from user")).isEqualTo("alice");
            assertThat(value(connection, "select count(distinct name) from user")).isEqualTo("5");
            assertThat(rows(connection, "select name, count(*), sum(col) from user group by name order by name"))
                    .containsExactly("alice|1|10", "bob|2|70", "carol|1|30", "dave|1|40", "erin|1|60");
            assertThat(rows(connection, "select name, count(*) as c from user group by name having c > 1")).containsExactly("bob|2");
            assertThat(rows(connection, "select name, count(*) from user group by name order by count(*) desc, name limit 2"))
                    .containsExactly("bob|2", "alice|1");
            assertThat(value(connection, "select count(*) from user where id = 100")).isEqualTo("0");
        }
    }

    @Test
    @Order(5)
    void joinsWithinAndAcrossShards() throws Exception {
        try (Connection connection = cluster.gateway("user")) {
            assertThat(rows(connection, "select u.id, e.extra from user u join user_extra e on u.id = e.user_id order by u.id"))
                    .containsExactly("1|x1", "4|x4", "6|x6");
            assertThat(rows(connection, "select u.id, e.extra from user u left join user_extra e on u.id = e.user_id where u.id in (1, 2)"
                    + " order by u.id")).containsExactly("1|x1", "2|null");
            execute(connection, "insert into music (user_id, title) values (1, 'song a'), (4, 'song b'), (4, 'song c')");
            assertThat(rows(connection, "select u.name, m.title from music m join user u on u.name = m.title order by m.title"))
                    .isEmpty();
            assertThat(rows(connection, "select m.title, u.name from music m join user u on u.id = m.user_id order by m.title"))
                    .containsExactly("song a|alice", "song b|dave", "song c|dave");
            assertThat(rows(connection, "select u.name, count(*) from user u join music m on m.user_id = u.id group by u.name order by u.name"))
                    .containsExactly("alice|1", "dave|2");
            assertThat(rows(connection, "select u.id, r.label from user u join ref r on r.id = u.id order by u.id"))
                    .containsExactly("1|one", "2|two");
            assertThat(value(connection, "select title from music where id = 1001")).isEqualTo("song b");
        }
    }

    @Test
    @Order(6)
    void subqueriesAndUnions() throws Exception {
        try (Connection connection = cluster.gateway("user")) {
            assertThat(column(connection, "select id from user where id in (select user_id from music) order by id")).containsExactly("1", "4");
            assertThat(column(connection, "select id from user where id not in (select user_id from music) order by id"))
                    .containsExactly("2", "3", "5", "6");
            assertThat(column(connection, "select id from user where col = (select max(col) from user)")).containsExactly("6");
            assertThat(column(connection, "select id from user u where exists (select 1 from user_extra e where e.user_id = u.id) order by id"))
                    .containsExactly("1", "4", "6");
            assertThat(column(connection, "select id from user union select user_id from user_extra order by 1")).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(column(connection, "select user_id from user_extra union all select user_id from music order by 1"))
                    .containsExactly("1", "1", "4", "4", "4", "6");
        }
    }

    @Test
    @Order(7)
    void updatesAndDeletesMaintainLookupRows() throws Exception {
        try (Connection connection = cluster.gateway("user")) {
            execute(connection, "update user set name = 'bobby' where id = 5");
            assertThat(column(connection, "select id from user where name = 'bobby'")).containsExactly("5");
            assertThat(column(cluster.shard("main", "0"), "select name from name_user_map where name like 'bob%' order by name"))
                    .containsExactly("bob", "bobby");
            execute(connection, "update user set col = col + 1 where col > 45");
            assertThat(value(connection, "select sum(col) from user")).isEqualTo("212");
            execute(connection, "delete from user where id = 3");
            assertThat(value(connection, "select count(*) from user")).isEqualTo("5");
            assertThat(column(cluster.shard("main", "0"), "select name from name_user_map where name = 'carol'")).isEmpty();
            assertThatThrownBy(() -> execute(connection, "update user set id = 9 where id = 1"))
                    .isInstanceOfSatisfying(SQLException.class, error -> {
                        assertThat(error.getErrorCode()).isEqualTo(1235);
                        assertThat(error.getMessage()).contains("VT12001: unsupported: you cannot UPDATE primary vindex columns");
                    });
        }
    }

    @Test
    @Order(8)
    void vexplainShardTargetsAndTransactionMode() throws Exception {
        try (Connection connection = cluster.gateway("user")) {
            assertThat(value(connection, "vexplain plan select id from user where id = 4")).contains("\"Variant\" : \"EqualUnique\"");
            try (Statement statement = connection.createStatement()) {
                statement.execute("use `user:80-`");
                assertThat(column(connection, "select id from user order by id")).containsExactly("4", "6");
                statement.execute("use user");
                statement.execute("set transaction_mode = 'single'");
                statement.execute("begin");
                statement.execute("update user set col = 1 where id = 1");
                assertThatThrownBy(() -> statement.execute("update user set col = 1 where id = 4"))
                        .hasMessageContaining("multi-db transaction attempted");
                statement.execute("rollback");
            }
        }
    }

    @Test
    @Order(9)
    void unshardedKeyspaceStatementsPassThrough() throws Exception {
        try (Connection connection = cluster.gateway("")) {
            execute(connection, "insert into main.unsharded (a, b) values (1, 'one'), (2, 'two')");
            assertThat(rows(connection, "select a, b from main.unsharded where a > 0 order by a")).containsExactly("1|one", "2|two");
            assertThat(value(connection, "select b from unsharded where a = 2")).isEqualTo("two");
            assertThat(value(connection, "select 1 + 1 from dual")).isEqualTo("2");
            assertThatThrownBy(() -> execute(connection, "select * from main.nosuchtable"))
                    .isInstanceOfSatisfying(SQLException.class, error -> {
                        assertThat(error.getErrorCode()).isEqualTo(1146);
                        assertThat(error.getSQLState()).isEqualTo("42S02");
                    });
            assertThat(rows(connection, "select u.name, x.b from user.user u join main.unsharded x on x.a = u.id order by u.id"))
                    .containsExactly("alice|one", "bob|two");
        }
        try (Connection connection = cluster.gateway("main")) {
            execute(connection, "insert into autoinc (v) values ('first')");
            execute(connection, "insert into autoinc (v) values ('second')");
            assertThat(value(connection, "select last_insert_id()")).isEqualTo("2");
            connection.setAutoCommit(false);
            execute(connection, "insert into autoinc (v) values ('rolled back')");
            connection.rollback();
            connection.setAutoCommit(true);
            assertThat(value(connection, "select count(*) from autoinc")).isEqualTo("2");
        }
    }

    @Test
    @Order(10)
    void planCacheCountersAreServedOnDebugVars() throws Exception {
        try (Connection connection = cluster.gateway("user")) {
            value(connection, "select name from user where id = 1");
            value(connection, "select name from user where id = 2");
        }
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + cluster.vtgateHttpPort() + "/debug/vars")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode vars = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertThat(vars.get("QueryPlanCacheHits").asLong()).isPositive();
        assertThat(vars.get("QueryPlanCacheMisses").asLong()).isPositive();
        assertThat(vars.get("QueryPlanCacheLength").asLong()).isPositive();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String value(Connection connection, String sql) throws SQLException {
        List<String> values = column(connection, sql);
        assertThat(values).as("rows of %s", sql).hasSize(1);
        return values.getFirst();
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData metadata = result.getMetaData();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= metadata.getColumnCount(); column++) {
                    row.append(column > 1 ? "|" : "").append(result.getString(column));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
