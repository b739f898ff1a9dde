package io.jvitess.gateway.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jvitess.gateway.integration.ShardedTestCluster.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server-side prepared statements (COM_STMT_*) end to end: MariaDB Connector/J with
 * {@code useServerPrepStmts=true} against vtgate over real tablets, on a keyspace sharded
 * -80/80- by hash(id). Results come back in the binary protocol, so every column type is
 * compared with what the text protocol returns for the same row.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreparedStatementsIntegrationTest {

    private static final String USER_VSCHEMA = """
            {
              "sharded": true,
              "vindexes": {"hash": {"type": "hash"}},
              "tables": {
                "item": {"column_vindexes": [{"column": "id", "name": "hash"}]},
                "typed": {"column_vindexes": [{"column": "id", "name": "hash"}]}
              }
            }""";

    private static final ShardedTestCluster cluster = new ShardedTestCluster(Map.of("user", List.of("-80", "80-")));

    @BeforeAll
    static void start() throws Exception {
        cluster.start(Map.of("user", List.of(
                        "create table item (id bigint primary key, name varchar(64), price decimal(10,2), qty int) engine=InnoDB",
                        """
                        create table typed (id bigint primary key, t_tiny tinyint, t_utiny tinyint unsigned, t_small smallint,
                          t_medium mediumint, t_int int, t_uint int unsigned, t_big bigint, t_ubig bigint unsigned, t_float float,
                          t_double double, t_decimal decimal(12,4), t_date date, t_datetime datetime(6), t_timestamp timestamp(3) null,
                          t_time time(6), t_year year, t_char char(4), t_varchar varchar(32), t_text text, t_blob blob,
                          t_varbinary varbinary(16), t_bit bit(8), t_enum enum('a','b'), t_set set('x','y'), t_json json) engine=InnoDB""")),
                Map.of("user", USER_VSCHEMA));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** A connection that prepares on the server; {@code cachePrepStmts=false} makes close() send COM_STMT_CLOSE. */
    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + cluster.vtgatePort()
                + "/user?sslMode=disable&useServerPrepStmts=true&cachePrepStmts=false&connectTimeout=10000", "root", "");
    }

    @Test
    @Order(1)
    void dmlAndSelectsWithParametersRouteLikeTheirLiteralForms() throws Exception {
        try (Connection connection = connect()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into item (id, name, price, qty) values (?, ?, ?, ?)")) {
                assertThat(insert.getClass().getSimpleName()).as("prepared on the server").isEqualTo("ServerPreparedStatement");
                for (int id = 1; id <= 6; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "item" + id);
                    insert.setBigDecimal(3, new BigDecimal(id + ".50"));
                    insert.setInt(4, id * 10);
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement point = connection.prepareStatement("select name, price, qty from item where id = ?")) {
                ResultSetMetaData prepared = point.getMetaData();
                assertThat(prepared.getColumnCount()).as("columns known at prepare time").isEqualTo(3);
                assertThat(prepared.getColumnName(2)).isEqualTo("price");
                for (int id = 1; id <= 6; id++) {
                    point.setLong(1, id);
                    assertThat(rows(point)).containsExactly(List.of("item" + id, id + ".50", String.valueOf(id * 10)));
                }
                point.setLong(1, 99);
                assertThat(rows(point)).isEmpty();
            }
            try (PreparedStatement scatter = connection.prepareStatement("select id from item where qty >= ? and name like ? order by id desc limit ?")) {
                scatter.setInt(1, 30);
                scatter.setString(2, "item%");
                scatter.setInt(3, 3);
                assertThat(rows(scatter)).containsExactly(List.of("6"), List.of("5"), List.of("4"));
            }
            try (PreparedStatement aggregate = connection.prepareStatement("select count(*), sum(qty) from item where price > ?");
                 PreparedStatement in = connection.prepareStatement("select id from item where id in (?, ?, ?) order by id")) {
                aggregate.setBigDecimal(1, new BigDecimal("2.5"));
                assertThat(rows(aggregate)).containsExactly(List.of("4", "180"));
                in.setLong(1, 2);
                in.setLong(2, 4);
                in.setLong(3, 42);
                assertThat(rows(in)).containsExactly(List.of("2"), List.of("4"));
            }
            try (PreparedStatement update = connection.prepareStatement("update item set qty = qty + ? where id = ?");
                 PreparedStatement delete = connection.prepareStatement("delete from item where id = ?")) {
                update.setInt(1, 5);
                update.setLong(2, 4);
                assertThat(update.executeUpdate()).isEqualTo(1);
                delete.setLong(1, 6);
                assertThat(delete.executeUpdate()).isEqualTo(1);
                assertThat(delete.executeUpdate()).isZero();
            }
        }
        // hash(id): 1, 2, 3, 5 -> -80; 4, 6 -> 80-
        assertThat(column(cluster.shard("user", "-80"), "select id from item order by id")).containsExactly("1", "2", "3", "5");
        assertThat(column(cluster.shard("user", "80-"), "select concat(id, ':', qty) from item order by id")).containsExactly("4:45");
    }

    @Test
    @Order(2)
    void nullParametersAreSqlNull() throws Exception {
        try (Connection connection = connect()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into item (id, name, price, qty) values (?, ?, ?, ?)")) {
                insert.setLong(1, 7);
                insert.setNull(2, Types.VARCHAR);
                insert.setNull(3, Types.DECIMAL);
                insert.setObject(4, null);
                insert.executeUpdate();
            }
            try (PreparedStatement nullSafe = connection.prepareStatement("select id, name, price from item where name <=> ? order by id")) {
                nullSafe.setNull(1, Types.VARCHAR);
                assertThat(rows(nullSafe)).containsExactly(java.util.Arrays.asList("7", null, null));
            }
            try (PreparedStatement isNull = connection.prepareStatement("select ? is null, ? is null")) {
                isNull.setNull(1, Types.INTEGER);
                isNull.setInt(2, 0);
                assertThat(rows(isNull)).containsExactly(List.of("1", "0"));
            }
        }
    }

    @Test
    @Order(3)
    void everyColumnTypeRoundTripsThroughTheBinaryProtocol() throws Exception {
        String columns = "id, t_tiny, t_utiny, t_small, t_medium, t_int, t_uint, t_big, t_ubig, t_float, t_double, t_decimal, t_date, "
                + "t_datetime, t_timestamp, t_time, t_year, t_char, t_varchar, t_text, t_blob, t_varbinary, t_bit, t_enum, t_set, t_json";
        try (Connection connection = connect()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into typed (" + columns + ") values ("
                    + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, 1);
                insert.setByte(2, Byte.MIN_VALUE);
                insert.setInt(3, 255);
                insert.setShort(4, Short.MIN_VALUE);
                insert.setInt(5, -8388608);
                insert.setInt(6, Integer.MIN_VALUE);
                insert.setLong(7, 4294967295L);
                insert.setLong(8, Long.MIN_VALUE);
                insert.setBigDecimal(9, new BigDecimal("18446744073709551615"));
                insert.setFloat(10, 0.25f);
                insert.setDouble(11, -1.5e-7);
                insert.setBigDecimal(12, new BigDecimal("-12345678.1234"));
                insert.setObject(13, LocalDate.of(2024, 2, 29));
                insert.setObject(14, LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000));
                insert.setObject(15, LocalDateTime.of(2021, 12, 31, 23, 59, 58, 125_000_000));
                insert.setObject(16, LocalTime.of(1, 2, 3, 4_000));
                insert.setShort(17, (short) 2024);
                insert.setString(18, "abcd");
                insert.setString(19, "héllo 'quoted' \\ wörld");
                insert.setString(20, "line1\nline2\u0000end");
                insert.setBytes(21, new byte[] {0, 1, 2, (byte) 0xFF, '\'', '\\'});
                insert.setBytes(22, new byte[] {(byte) 0x80, 0x7F});
                insert.setBytes(23, new byte[] {(byte) 0xA5});
                insert.setString(24, "b");
                insert.setString(25, "x,y");
                insert.setString(26, "{\"k\": [1, 2]}");
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("insert into typed (id) values (2)");
            }
            for (long id : new long[] {1, 2}) {
                Map<String, Object> text;
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("select " + columns + " from typed where id = " + id)) {
                    text = objects(result);
                }
                try (PreparedStatement select = connection.prepareStatement("select " + columns + " from typed where id = ?")) {
                    select.setLong(1, id);
                    try (ResultSet result = select.executeQuery()) {
                        Map<String, Object> binary = objects(result);
                        assertThat(binary.keySet()).containsExactlyElementsOf(text.keySet());
                        SoftAssertions.assertSoftly(softly -> text.forEach((name, value) -> softly.assertThat(binary.get(name))
                                .as("row %d column %s: binary protocol equals text protocol", id, name).isEqualTo(value)));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement("select " + columns + " from typed where id = ?")) {
                select.setLong(1, 1);
                try (ResultSet result = select.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getByte("t_tiny")).isEqualTo(Byte.MIN_VALUE);
                    assertThat(result.getInt("t_utiny")).isEqualTo(255);
                    assertThat(result.getLong("t_uint")).isEqualTo(4294967295L);
                    assertThat(result.getLong("t_big")).isEqualTo(Long.MIN_VALUE);
                    assertThat(result.getBigDecimal("t_ubig")).isEqualTo(new BigDecimal("18446744073709551615"));
                    assertThat(result.getFloat("t_float")).isEqualTo(0.25f);
                    assertThat(result.getDouble("t_double")).isEqualTo(-1.5e-7);
                    assertThat(result.getBigDecimal("t_decimal")).isEqualTo(new BigDecimal("-12345678.1234"));
                    assertThat(result.getObject("t_date", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
                    assertThat(result.getObject("t_datetime", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000));
                    assertThat(result.getObject("t_timestamp", LocalDateTime.class))
                            .isEqualTo(LocalDateTime.of(2021, 12, 31, 23, 59, 58, 125_000_000));
                    assertThat(result.getObject("t_time", LocalTime.class)).isEqualTo(LocalTime.of(1, 2, 3, 4_000));
                    assertThat(result.getInt("t_year")).isEqualTo(2024);
                    assertThat(result.getString("t_varchar")).isEqualTo("héllo 'quoted' \\ wörld");
                    assertThat(result.getString("t_text")).isEqualTo("line1\nline2\u0000end");
                    assertThat(result.getBytes("t_blob")).isEqualTo(new byte[] {0, 1, 2, (byte) 0xFF, '\'', '\\'});
                    assertThat(result.getBytes("t_bit")).isEqualTo(new byte[] {(byte) 0xA5});
                    assertThat(result.getString("t_set")).isEqualTo("x,y");
                    assertThat(result.getString("t_json")).isEqualTo("{\"k\": [1, 2]}");
                }
            }
        }
    }

    @Test
    @Order(4)
    void streamedParametersArriveAsLongData() throws Exception {
        byte[] blob = new byte[60_000];
        for (int index = 0; index < blob.length; index++) {
            blob[index] = (byte) index;
        }
        try (Connection connection = connect()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into typed (id, t_blob, t_text) values (?, ?, ?)")) {
                insert.setLong(1, 3);
                insert.setBinaryStream(2, new ByteArrayInputStream(blob));
                insert.setCharacterStream(3, new StringReader("streamed text"));
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("select t_blob, t_text from typed where id = ?")) {
                select.setLong(1, 3);
                try (ResultSet result = select.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getBytes(1)).isEqualTo(blob);
                    assertThat(result.getString(2)).isEqualTo("streamed text");
                }
            }
        }
    }

    @Test
    @Order(5)
    void errorsKeepTheirMysqlCodesAndStatementsStayUsable() throws Exception {
        try (Connection connection = connect()) {
            assertThatThrownBy(() -> {
                try (PreparedStatement bad = connection.prepareStatement("select * from item wher id = ?")) {
                    bad.setLong(1, 1);
                    bad.executeQuery();
                }
            }).isInstanceOfSatisfying(SQLException.class, error -> assertThat(error.getErrorCode()).isEqualTo(1064));
            assertThatThrownBy(() -> {
                try (PreparedStatement twoStatements = connection.prepareStatement("select 1; select 2")) {
                    twoStatements.executeQuery();
                }
            }).isInstanceOfSatisfying(SQLException.class, error -> assertThat(error.getErrorCode()).isEqualTo(1064));
            // Druid needs its optional commons-lang3 for this text: still a syntax error, and the connection lives on.
            try (Statement odd = connection.createStatement()) {
                assertThatThrownBy(() -> odd.executeQuery("select id, next value for item from item"))
                        .isInstanceOfSatisfying(SQLException.class, error -> assertThat(error.getErrorCode()).isEqualTo(1064));
            }
            assertThatThrownBy(() -> {
                try (PreparedStatement unknownColumn = connection.prepareStatement("select nope from item where id = ?")) {
                    unknownColumn.setLong(1, 1);
                    unknownColumn.executeQuery();
                }
            }).isInstanceOfSatisfying(SQLException.class, error -> assertThat(error.getErrorCode()).isEqualTo(1054));

            try (PreparedStatement insert = connection.prepareStatement("insert into item (id, name) values (?, ?)")) {
                insert.setLong(1, 1);
                insert.setString(2, "again");
                assertThatThrownBy(insert::executeUpdate)
                        .isInstanceOfSatisfying(SQLException.class, error -> assertThat(error.getErrorCode()).isEqualTo(1062));
                insert.setLong(1, 8);
                assertThat(insert.executeUpdate()).as("the statement survives the error").isEqualTo(1);
                insert.close();
                assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class);
            }
            assertThat(column(connection, "select name from item where id = 8")).containsExactly("again");
        }
    }

    @Test
    @Order(6)
    void transactionsSpanPreparedStatements() throws Exception {
        try (Connection connection = connect(); Connection other = connect()) {
            PreparedStatement begin = connection.prepareStatement("begin");
            PreparedStatement insert = connection.prepareStatement("insert into item (id, name) values (?, ?)");
            PreparedStatement count = connection.prepareStatement("select count(*) from item where id >= ?");
            PreparedStatement rollback = connection.prepareStatement("rollback");
            PreparedStatement commit = connection.prepareStatement("commit");
            count.setLong(1, 100);

            begin.execute();
            for (long id = 100; id < 104; id++) {
                insert.setLong(1, id);
                insert.setString(2, "tx");
                insert.executeUpdate();
            }
            assertThat(rows(count)).containsExactly(List.of("4"));
            assertThat(column(other, "select count(*) from item where id >= 100")).as("not committed").containsExactly("0");
            rollback.execute();
            assertThat(rows(count)).containsExactly(List.of("0"));

            connection.setAutoCommit(false);
            insert.setLong(1, 100);
            insert.executeUpdate();
            connection.commit();
            connection.setAutoCommit(true);
            begin.execute();
            insert.setLong(1, 101);
            insert.executeUpdate();
            commit.execute();
            assertThat(column(other, "select count(*) from item where id >= 100")).containsExactly("2");
        }
    }

    @Test
    @Order(7)
    void repeatedExecutionsShareOneCachedPlan() throws Exception {
        try (Connection connection = connect();
             PreparedStatement point = connection.prepareStatement("select name from item where id = ? and qty > ?")) {
            // Connector/J prepares lazily; the prepare plans the field query, which is not what is measured here.
            assertThat(point.getMetaData().getColumnCount()).isEqualTo(1);
            JsonNode before = debugVars();
            for (int id = 1; id <= 5; id++) {
                point.setLong(1, id);
                point.setInt(2, -1);
                rows(point);
            }
            JsonNode after = debugVars();
            long misses = after.get("QueryPlanCacheMisses").asLong() - before.get("QueryPlanCacheMisses").asLong();
            long hits = after.get("QueryPlanCacheHits").asLong() - before.get("QueryPlanCacheHits").asLong();
            assertThat(misses).as("planned at most once").isLessThanOrEqualTo(1);
            assertThat(hits).isGreaterThanOrEqualTo(4);
        }
    }

    private static JsonNode debugVars() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.vtgateHttpPort() + "/debug/vars")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    /** Every row as strings (null for NULL). */
    private static List<List<String>> rows(PreparedStatement statement) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The one row's values by column name, as the driver maps them (getObject). */
    private static Map<String, Object> objects(ResultSet result) throws SQLException {
        assertThat(result.next()).isTrue();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
            values.put(result.getMetaData().getColumnName(column), result.getObject(column));
        }
        assertThat(result.next()).isFalse();
        return values;
    }
}
