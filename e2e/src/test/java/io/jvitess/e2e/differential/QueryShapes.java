package io.jvitess.e2e.differential;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The query shapes the differential test runs against both databases. Each shape is one SQL text;
 * {@code ordered} says whether SQL fixes the row order (then rows are compared in order).
 * Every ORDER BY ends in a unique key so the order is fully determined.
 */
final class QueryShapes {

    /** A statement to compare; {@code dml} statements change data and are compared by affected rows. */
    record Shape(String category, String sql, boolean ordered, boolean dml) {
    }

    private QueryShapes() {
    }

    static List<Shape> all() {
        List<Shape> shapes = new ArrayList<>();
        customerSelects(shapes);
        orderSelects(shapes);
        aggregates(shapes);
        joins(shapes);
        subqueries(shapes);
        unions(shapes);
        productSelects(shapes);
        beyondThePlanner(shapes);
        dmlThenReads(shapes);
        Set<String> seen = new LinkedHashSet<>();
        for (Shape shape : shapes) {
            if (!seen.add(shape.sql())) {
                throw new IllegalStateException("duplicate shape: " + shape.sql());
            }
        }
        return shapes;
    }

    private static void customerSelects(List<Shape> shapes) {
        List<String> columns = List.of("*", "customer_id, email", "email", "customer_id");
        List<String> predicates = List.of(
                "",
                " where customer_id = 17",
                " where customer_id in (3, 250, 777, 1499)",
                " where customer_id between 100 and 140",
                " where customer_id > 1450",
                " where email like 'user1%'",
                " where email is null",
                " where customer_id = 5 or customer_id = 900",
                " where customer_id in (10, 20, 30, 40) and email like '%domain.com'",
                " where customer_id < 0",
                " where customer_id != 5 and customer_id < 40",
                " where email = 'user10@domain.com'");
        List<String> tails = List.of("", " order by customer_id", " order by customer_id desc limit 5",
                " order by email, customer_id limit 10 offset 3");
        for (String column : columns) {
            for (String predicate : predicates) {
                for (String tail : tails) {
                    if (tail.contains("email") && !column.contains("email") && !column.equals("*")) {
                        continue;
                    }
                    shapes.add(new Shape("customer", "select " + column + " from customer" + predicate + tail, !tail.isEmpty(), false));
                }
            }
        }
    }

    private static void orderSelects(List<Shape> shapes) {
        List<String> columns = List.of("order_id, customer_id, price", "*");
        List<String> predicates = List.of("", " where customer_id = 42", " where customer_id in (1, 2, 3, 4, 5, 6)",
                " where price > 480", " where order_id = 3000", " where sku = 'SKU-0005'", " where price between 10 and 12");
        List<String> tails = List.of("", " order by order_id limit 20", " order by price desc, order_id limit 7");
        for (String column : columns) {
            for (String predicate : predicates) {
                for (String tail : tails) {
                    shapes.add(new Shape("corder", "select " + column + " from corder" + predicate + tail, !tail.isEmpty(), false));
                }
            }
        }
    }

    private static void aggregates(List<Shape> shapes) {
        List<String> ordered = List.of(
                "select customer_id, count(*) from corder group by customer_id order by customer_id limit 50",
                "select sku, sum(price), min(price), max(price) from corder group by sku order by sku",
                "select sku, count(*) as n from corder group by sku having count(*) > 55 order by sku",
                "select customer_id, sum(price) as total from corder group by customer_id order by total desc, customer_id limit 10",
                "select sku, avg(price) from corder group by sku order by sku limit 15",
                "select customer_id, max(order_id) from corder where customer_id < 50 group by customer_id order by customer_id",
                "select price, count(*) from corder where price > 490 group by price order by price",
                "select email, count(*) from customer group by email order by email limit 20",
                "select sku, count(distinct customer_id) from corder group by sku order by sku limit 12",
                "select customer_id, count(*) from corder where customer_id in (7, 8, 9) group by customer_id order by customer_id",
                "select count(*), customer_id from corder where customer_id = 42 group by customer_id order by customer_id");
        for (String sql : ordered) {
            shapes.add(new Shape("aggregate", sql, true, false));
        }
        List<String> unordered = List.of(
                "select count(*) from corder",
                "select count(*) from customer",
                "select count(*) from corder where customer_id = 42",
                "select count(*), sum(price) from corder where price > 100",
                "select min(price), max(price) from corder",
                "select avg(price) from corder",
                "select sum(price) from corder where customer_id in (1, 2, 3)",
                "select count(distinct customer_id) from corder",
                "select count(distinct sku) from corder where price < 50",
                "select count(email) from customer",
                "select max(customer_id) from customer where email like '%example.org'",
                "select count(*) from corder where price > 1000",
                "select sum(price) from corder where price > 1000",
                "select distinct sku from corder where price > 495",
                "select distinct customer_id from corder where customer_id < 20",
                "select sku, count(*) from corder group by sku",
                "select count(*) from product",
                "select count(*) from customer where customer_id between 200 and 400");
        for (String sql : unordered) {
            shapes.add(new Shape("aggregate", sql, false, false));
        }
    }

    private static void joins(List<Shape> shapes) {
        List<String> joins = List.of(
                "select c.customer_id, c.email, o.order_id, o.price from customer c join corder o on c.customer_id = o.customer_id where c.customer_id = 42",
                "select c.customer_id, o.order_id from customer c join corder o on c.customer_id = o.customer_id where c.customer_id in (5, 6, 7)",
                "select c.email, o.order_id from customer c join corder o on c.customer_id = o.customer_id where o.price > 495",
                "select c.customer_id, count(*) from customer c join corder o on c.customer_id = o.customer_id where c.customer_id < 30 group by c.customer_id",
                "select o.order_id, p.description from corder o join product p on o.sku = p.sku where o.customer_id = 42",
                "select o.order_id, p.price from corder o join product p on o.sku = p.sku where o.price > 495",
                "select p.sku, o.order_id from product p join corder o on o.sku = p.sku where p.sku = 'SKU-0007'",
                "select c.customer_id, o.order_id from customer c left join corder o on c.customer_id = o.customer_id where c.customer_id in (1, 2, 3, 4)",
                "select c.customer_id from customer c left join corder o on c.customer_id = o.customer_id where o.order_id is null and c.customer_id < 100",
                "select o.order_id, c.email from corder o join customer c on o.customer_id = c.customer_id where o.order_id between 10 and 30",
                "select a.order_id, b.order_id from corder a join corder b on a.customer_id = b.customer_id where a.customer_id = 9 and a.order_id < b.order_id",
                "select c.customer_id, p.sku from customer c join corder o on c.customer_id = o.customer_id join product p on p.sku = o.sku where c.customer_id = 12",
                "select o.order_id, p.description, c.email from corder o join product p on o.sku = p.sku join customer c on c.customer_id = o.customer_id where o.order_id < 15",
                "select c.customer_id, o.price from customer c, corder o where c.customer_id = o.customer_id and c.customer_id = 77",
                "select o.customer_id, p.description from corder o left join product p on o.sku = p.sku where o.customer_id = 3");
        for (String sql : joins) {
            shapes.add(new Shape("join", sql, false, false));
        }
        shapes.add(new Shape("join", "select c.customer_id, o.order_id, o.price from customer c join corder o on c.customer_id = o.customer_id where c.customer_id < 50 order by o.price desc, o.order_id limit 10", true, false));
        shapes.add(new Shape("join", "select o.order_id, p.description from corder o join product p on o.sku = p.sku where o.price > 480 order by o.order_id", true, false));
        shapes.add(new Shape("join", "select c.email, count(*) as n from customer c join corder o on c.customer_id = o.customer_id group by c.email order by n desc, c.email limit 5", true, false));
    }

    private static void subqueries(List<Shape> shapes) {
        List<String> unordered = List.of(
                "select customer_id, email from customer where customer_id in (select customer_id from corder where price > 498)",
                "select customer_id from customer where customer_id not in (select customer_id from corder) and customer_id < 200",
                "select customer_id from customer c where exists (select 1 from corder o where o.customer_id = c.customer_id and o.price > 498)",
                "select order_id from corder where price = (select max(price) from corder)",
                "select order_id from corder where customer_id = 42 and price > (select avg(price) from corder where customer_id = 42)",
                "select sku from product where sku in (select sku from corder where customer_id = 10)",
                "select t.customer_id, t.n from (select customer_id, count(*) as n from corder where customer_id < 20 group by customer_id) as t where t.n > 3",
                "select t.sku from (select sku from product where price > 150) as t",
                "select customer_id, (select count(*) from corder) as total from customer where customer_id = 3",
                "select email from customer where customer_id in (select customer_id from corder where sku = 'SKU-0003')",
                "select order_id from corder where sku in (select sku from product where description like 'Lamp%') and customer_id < 300",
                "select count(*) from customer where customer_id in (select customer_id from corder where price < 3)",
                "select max(t.total) from (select customer_id, sum(price) as total from corder group by customer_id) as t");
        for (String sql : unordered) {
            shapes.add(new Shape("subquery", sql, false, false));
        }
        shapes.add(new Shape("subquery", "select customer_id from customer where customer_id in (select customer_id from corder where price > 490) order by customer_id limit 8", true, false));
    }

    private static void unions(List<Shape> shapes) {
        List<String> unordered = List.of(
                "select customer_id from customer where customer_id < 10 union select customer_id from corder where order_id < 10",
                "select customer_id from customer where customer_id < 10 union all select customer_id from corder where order_id < 10",
                "select sku from product where price < 20 union select sku from corder where price > 498",
                "select email from customer where customer_id = 1 union select email from customer where customer_id = 2",
                "select customer_id from corder where customer_id = 3 union all select customer_id from corder where customer_id = 3",
                "select price from corder where customer_id = 8 union select price from product where price > 200",
                "select 1 from customer where customer_id = 1 union select 2 from customer where customer_id = 2");
        for (String sql : unordered) {
            shapes.add(new Shape("union", sql, false, false));
        }
        shapes.add(new Shape("union", "select customer_id from customer where customer_id < 10 union select customer_id from corder where order_id < 10 order by customer_id", true, false));
        shapes.add(new Shape("union", "select customer_id from customer where customer_id > 1490 union all select customer_id from corder where order_id > 5995 order by customer_id desc limit 4", true, false));
    }

    private static void productSelects(List<Shape> shapes) {
        List<String> unordered = List.of(
                "select * from product",
                "select sku, price from product where price > 100",
                "select description from product where sku = 'SKU-0010'",
                "select sku from product where description like 'Desk%'",
                "select count(*), max(price) from product where price between 50 and 60");
        for (String sql : unordered) {
            shapes.add(new Shape("product", sql, false, false));
        }
        shapes.add(new Shape("product", "select sku, price from product order by price desc, sku limit 10", true, false));
        shapes.add(new Shape("product", "select description, count(*) from product group by description order by description", true, false));
    }

    /** Reads jvitess may refuse (VT12001); the test lists them with their errors, and any answer given must be right. */
    private static void beyondThePlanner(List<Shape> shapes) {
        List<String> reads = List.of(
                "select customer_id, row_number() over (order by customer_id) as n from customer where customer_id < 5",
                "select sku, count(*) from corder where customer_id < 30 group by sku with rollup",
                "select customer_id from customer where customer_id > all (select customer_id from corder where order_id < 3) and customer_id < 1400",
                "select c.customer_id from customer c natural join corder o where c.customer_id = 1",
                "select group_concat(order_id order by order_id) from corder where customer_id < 3");
        for (String sql : reads) {
            shapes.add(new Shape("beyond", sql, false, false));
        }
    }

    private static void dmlThenReads(List<Shape> shapes) {
        String[][] steps = {
                {"insert into customer(customer_id, email) values (2001, 'new1@domain.com')"},
                {"insert into customer(customer_id, email) values (2002, 'new2@domain.com'), (2003, 'new3@example.org'), (2004, NULL), (2005, 'new5@mail.net')"},
                {"insert into corder(order_id, customer_id, sku, price) values (7001, 2001, 'SKU-0001', 10), (7002, 2002, 'SKU-0002', 20), (7003, 3, 'SKU-0003', 30)"},
                {"update customer set email = 'changed@domain.com' where customer_id = 2002"},
                {"update corder set price = price + 1 where price > 495"},
                {"update corder set sku = 'SKU-0009' where customer_id = 42"},
                {"delete from corder where order_id = 7003"},
                {"delete from corder where price < 3"},
                {"delete from customer where customer_id in (2004, 2005)"},
                {"update product set price = price * 2 where sku = 'SKU-0001'"},
                {"insert into product(sku, description, price) values ('SKU-9999', 'Special', 999)"},
        };
        List<String> reads = List.of(
                "select * from customer where customer_id > 2000 order by customer_id",
                "select count(*), sum(price) from corder",
                "select order_id, customer_id, sku, price from corder where order_id > 7000 order by order_id",
                "select count(*) from customer",
                "select sku, price from corder where customer_id = 42 order by order_id",
                "select sku, price from product where sku in ('SKU-0001', 'SKU-9999') order by sku");
        int step = 0;
        for (String[] statements : steps) {
            for (String sql : statements) {
                shapes.add(new Shape("dml", sql, false, true));
            }
            String read = reads.get(step % reads.size());
            shapes.add(new Shape("dml-read", read + " /* after step " + step + " */", read.contains("order by"), false));
            step++;
        }
    }
}
