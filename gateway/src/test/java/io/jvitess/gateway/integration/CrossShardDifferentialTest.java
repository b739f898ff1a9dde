package io.jvitess.gateway.integration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same data in a plain database and behind vtgate (customer sharded four ways by hash,
 * product unsharded): cross-shard joins, aggregates, sorting, subqueries, unions and DML must
 * answer exactly like one MySQL (column labels included). A VT12001 refusal fails too: every
 * shape here is one the planner supports.
 */
class CrossShardDifferentialTest {

    private static final String CUSTOMER_VSCHEMA = """
            {
              "sharded": true,
              "vindexes": {"hash": {"type": "hash"}},
              "tables": {
                "customer": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]},
                "corder": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]}
              }
            }""";
    private static final String PRODUCT = "create table product (sku varchar(32) primary key, description varchar(64), price bigint)";
    private static final String CUSTOMER = "create table customer (customer_id bigint primary key, email varchar(128))";
    private static final String CORDER = "create table corder (order_id bigint primary key, customer_id bigint, sku varchar(32), price bigint)";

    private static final ShardedTestCluster cluster = new ShardedTestCluster(Map.of(
            "customer", List.of("-40", "40-80", "80-c0", "c0-"), "commerce", List.of("0")));
    private static Connection oracle;
    private static Connection vtgate;

    /** One SQL text; ordered when its ORDER BY fixes the row order; dml compares affected rows. */
    private record Shape(String sql, boolean ordered, boolean dml) {
    }

    @BeforeAll
    static void start() throws Exception {
        cluster.start(Map.of("customer", List.of(CUSTOMER, CORDER), "commerce", List.of(PRODUCT)),
                Map.of("customer", CUSTOMER_VSCHEMA, "commerce", "{\"tables\": {\"product\": {}}}"));
        oracle = cluster.database("oracle", List.of(PRODUCT, CUSTOMER, CORDER));
        vtgate = cluster.gateway("");
        for (String insert : data()) {
            try (Statement toVtgate = vtgate.createStatement(); Statement toOracle = oracle.createStatement()) {
                toVtgate.execute(insert);
                toOracle.execute(insert);
            }
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        if (vtgate != null) {
            vtgate.close();
        }
        if (oracle != null) {
            oracle.close();
        }
        cluster.close();
    }

    /** 40 products, 300 customers (some without email), 1200 orders, from a fixed seed. */
    private static List<String> data() {
        Random random = new Random(7);
        List<String> statements = new ArrayList<>();
        StringBuilder products = new StringBuilder("insert into product (sku, description, price) values ");
        String[] kinds = {"Lamp", "Desk", "Chair", "Cable", "Mouse"};
        for (int sku = 1; sku <= 40; sku++) {
            products.append(sku > 1 ? ", " : "").append(String.format("('SKU-%04d', '%s %c', %d)", sku, kinds[random.nextInt(kinds.length)],
                    (char) ('A' + random.nextInt(5)), 10 + random.nextInt(250)));
        }
        statements.add(products.toString());
        StringBuilder customers = new StringBuilder("insert into customer (customer_id, email) values ");
        String[] domains = {"domain.com", "example.org", "mail.net"};
        for (int customer = 1; customer <= 300; customer++) {
            String email = random.nextInt(15) == 0 ? "null" : String.format("'user%d@%s'", customer, domains[random.nextInt(domains.length)]);
            customers.append(customer > 1 ? ", " : "").append(String.format("(%d, %s)", customer, email));
        }
        statements.add(customers.toString());
        for (int batch = 0; batch < 6; batch++) {
            StringBuilder orders = new StringBuilder("insert into corder (order_id, customer_id, sku, price) values ");
            for (int index = 1; index <= 200; index++) {
                int order = batch * 200 + index;
                orders.append(index > 1 ? ", " : "").append(String.format("(%d, %d, 'SKU-%04d', %d)", order, 1 + random.nextInt(300),
                        1 + random.nextInt(45), 1 + random.nextInt(500)));
            }
            statements.add(orders.toString());
        }
        return statements;
    }

    @Test
    void everyShapeAnswersLikeOneMysql() {
        List<String> mismatches = new ArrayList<>();
        for (Shape shape : shapes()) {
            Outcome actual = run(vtgate, shape.sql());
            Outcome expected = run(oracle, shape.sql());
            if (actual.error() != null || !expected.matches(actual, shape.ordered())) {
                mismatches.add(shape.sql() + "\n  mysql:   " + expected.describe() + "\n  jvitess: " + actual.describe());
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private record Outcome(List<String> columns, List<List<String>> rows, long affected, String error, int errno) {
        boolean matches(Outcome other, boolean ordered) {
            if (!columns.equals(other.columns) || affected != other.affected) {
                return false;
            }
            List<List<String>> left = ordered ? rows : sorted(rows);
            List<List<String>> right = ordered ? other.rows : sorted(other.rows);
            if (left.size() != right.size()) {
                return false;
            }
            for (int row = 0; row < left.size(); row++) {
                for (int column = 0; column < columns.size(); column++) {
                    String a = left.get(row).get(column);
                    String b = right.get(row).get(column);
                    if (a == null || b == null) {
                        if (a != b) {
                            return false;
                        }
                    } else if (!a.equals(b)) {
                        try {
                            if (new BigDecimal(a).compareTo(new BigDecimal(b)) != 0) {
                                return false;
                            }
                        } catch (NumberFormatException e) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        static List<List<String>> sorted(List<List<String>> rows) {
            List<List<String>> copy = new ArrayList<>(rows);
            copy.sort(Comparator.comparing(Object::toString));
            return copy;
        }

        String describe() {
            if (error != null) {
                return "error " + error;
            }
            return columns + " " + (rows.size() > 6 ? rows.subList(0, 6) + "... (" + rows.size() + ")" : rows) + " affected=" + affected;
        }
    }

    private static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        String[] unordered = {
                "select c.customer_id, o.order_id from customer c join corder o on c.email = o.sku where c.customer_id < 10",
                "select o.order_id, c.email from corder o join customer c on c.customer_id = o.order_id where o.order_id < 20",
                "select o1.order_id, o2.order_id from corder o1 join corder o2 on o1.sku = o2.sku where o1.order_id < 5 and o2.order_id < 50",
                "select c.customer_id, o.order_id from customer c left join corder o on o.order_id = c.customer_id where c.customer_id < 30",
                "select c.customer_id from customer c left join corder o on o.sku = c.email where o.order_id is null and c.customer_id < 30",
                "select p.description, count(*) from corder o join product p on p.sku = o.sku group by p.description",
                "select distinct p.description from corder o join product p on p.sku = o.sku where o.customer_id < 50",
                "select o.order_id, o.price - p.price from corder o join product p on p.sku = o.sku where o.customer_id = 42",
                "select count(*), count(email), count(distinct email) from customer",
                "select email is null, count(*) from customer group by email is null",
                "select max(sku), min(sku) from corder",
                "select count(*) from corder where customer_id in (select customer_id from customer where email like '%mail.net')",
                "select sum(distinct price) from corder where customer_id < 100",
                "select avg(price), sum(price) / count(*) from corder where customer_id < 300",
                "select count(*) from corder where exists (select 1 from product where price > 200)",
                "select customer_id, (select max(price) from corder o where o.customer_id = c.customer_id) from customer c where c.customer_id < 10",
                "select sku from product where sku not in (select sku from corder where price > 400)",
                "select sku from product union select sku from corder",
                "select email from customer where customer_id < 3 union select sku from product where price > 200",
                "select customer_id from customer where email = 'USER10@DOMAIN.COM'",
                "select count(*) from customer where email like 'USER1%'",
                "select customer_id, email from customer where customer_id = 7 or email = 'user8@mail.net'",
                "select c.customer_id, o.order_id from customer c join corder o on c.customer_id = o.customer_id and o.price > 490",
                "select count(*) from customer c join corder o on c.customer_id = o.customer_id",
                "select c.email, sum(o.price) from customer c join corder o on c.customer_id = o.customer_id where c.customer_id < 20 group by c.email",
                "select o.sku, count(distinct o.customer_id) from corder o join product p on p.sku = o.sku where p.price > 150 group by o.sku",
                "select 1 from dual",
                "select now() is not null",
                "select customer_id from customer where customer_id in (select customer_id from corder where price > 499) and email is not null",
        };
        for (String sql : unordered) {
            shapes.add(new Shape(sql, false, false));
        }
        String[] ordered = {
                "select p.description, sum(o.price), avg(o.price), min(o.order_id) from corder o join product p on p.sku = o.sku where o.customer_id < 100 group by p.description having count(*) > 2 order by p.description",
                "select o.order_id, p.price from corder o join product p on p.sku = o.sku where o.customer_id < 20 order by p.price desc, o.order_id limit 7",
                "select sku, count(*) c from corder group by sku having c > 30 order by c desc, sku",
                "select sku, max(price) - min(price) as spread from corder group by sku order by spread desc, sku limit 5",
                "select customer_id % 10 as bucket, count(*) from corder group by bucket order by bucket",
                "select distinct price from corder where price > 490 order by price desc",
                "select customer_id, count(*) from corder group by customer_id having count(*) > 6 order by customer_id",
                "select email from customer order by email desc, customer_id limit 10",
                "select email from customer where email is not null order by email limit 5 offset 2",
                "select sku, price from corder order by sku, price desc, order_id limit 12",
                "select * from corder order by price desc, order_id limit 3",
                "select customer_id, email from customer order by 2, 1 limit 4",
                "select upper(email) as e from customer where customer_id < 30 order by e, customer_id",
                "select customer_id from customer where customer_id in (select customer_id from corder where sku = 'SKU-0001') order by customer_id",
                "select order_id from corder where price > (select max(price) from product) order by order_id",
                "select t.sku, t.n from (select sku, count(*) as n from corder group by sku) t where t.n > 30 order by t.sku",
                "select * from (select customer_id, email from customer where customer_id < 5) t order by customer_id",
                "select customer_id from customer where customer_id < 5 union all select customer_id from corder where customer_id < 5 order by 1 limit 6",
                "select c.customer_id, o.order_id from customer c join corder o on o.sku = c.email order by c.customer_id limit 3",
                "select o.customer_id, count(*) as n from corder o join product p on p.sku = o.sku group by o.customer_id order by n desc, o.customer_id limit 5",
                "select customer_id, email from customer where customer_id between 10 and 20 order by email desc, customer_id",
        };
        for (String sql : ordered) {
            shapes.add(new Shape(sql, true, false));
        }
        shapes.add(new Shape("update corder set price = price + 1 where customer_id in (1, 2, 3)", false, true));
        shapes.add(new Shape("select sum(price) from corder where customer_id in (1, 2, 3) /* x */", false, false));
        shapes.add(new Shape("delete from corder where sku = 'SKU-0043'", false, true));
        shapes.add(new Shape("select count(*) from corder /* y */", false, false));
        shapes.add(new Shape("insert into corder(order_id, customer_id, sku, price) values (9001, 1, 'X', 1), (9002, 2, 'Y', 2)", false, true));
        shapes.add(new Shape("select order_id, customer_id from corder where order_id > 9000 order by order_id", true, false));
        return shapes;
    }

    private static Outcome run(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return new Outcome(List.of(), List.of(), statement.getUpdateCount(), null, 0);
            }
            try (ResultSet result = statement.getResultSet()) {
                ResultSetMetaData metaData = result.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int column = 1; column <= metaData.getColumnCount(); column++) {
                    columns.add(metaData.getColumnLabel(column).toLowerCase(Locale.ROOT));
                }
                List<List<String>> rows = new ArrayList<>();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int column = 1; column <= columns.size(); column++) {
                        row.add(result.getString(column));
                    }
                    rows.add(row);
                }
                return new Outcome(columns, rows, -1, null, 0);
            }
        } catch (SQLException e) {
            return new Outcome(List.of(), List.of(), -1, e.getErrorCode() + ": " + e.getMessage(), e.getErrorCode());
        }
    }
}
