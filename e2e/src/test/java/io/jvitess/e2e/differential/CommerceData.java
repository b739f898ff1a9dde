package io.jvitess.e2e.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic commerce data (customer, corder, product), loaded identically into the plain
 * mysqld and through vtgate. A fixed seed keeps every run comparable.
 */
final class CommerceData {

    static final int CUSTOMERS = 1500;
    static final int ORDERS = 6000;
    static final int PRODUCTS = 120;

    static final String PRODUCT_TABLE = """
            create table product(
              sku varchar(128),
              description varchar(128),
              price bigint,
              primary key(sku)
            ) ENGINE=InnoDB""";
    static final String CUSTOMER_TABLE = """
            create table customer(
              customer_id bigint not null,
              email varchar(128),
              primary key(customer_id)
            ) ENGINE=InnoDB""";
    static final String CORDER_TABLE = """
            create table corder(
              order_id bigint not null,
              customer_id bigint,
              sku varchar(128),
              price bigint,
              primary key(order_id)
            ) ENGINE=InnoDB""";

    private CommerceData() {
    }

    /** Multi-row INSERT statements (200 rows each) loading the whole data set. */
    static List<String> inserts() {
        Random random = new Random(20261121L);
        List<String> statements = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int sku = 1; sku <= PRODUCTS; sku++) {
            rows.add(String.format("('SKU-%04d', '%s', %d)", sku, description(random), 5 + random.nextInt(200)));
        }
        flush(statements, "insert into product(sku, description, price) values ", rows);
        for (int customer = 1; customer <= CUSTOMERS; customer++) {
            String email = random.nextInt(20) == 0 ? "NULL" : String.format("'user%d@%s'", customer, domain(random));
            rows.add(String.format("(%d, %s)", customer, email));
            if (rows.size() == 200) {
                flush(statements, "insert into customer(customer_id, email) values ", rows);
            }
        }
        flush(statements, "insert into customer(customer_id, email) values ", rows);
        for (int order = 1; order <= ORDERS; order++) {
            int customer = 1 + random.nextInt(CUSTOMERS);
            int sku = 1 + random.nextInt(PRODUCTS + 10);
            rows.add(String.format("(%d, %d, 'SKU-%04d', %d)", order, customer, sku, 1 + random.nextInt(500)));
            if (rows.size() == 200) {
                flush(statements, "insert into corder(order_id, customer_id, sku, price) values ", rows);
            }
        }
        flush(statements, "insert into corder(order_id, customer_id, sku, price) values ", rows);
        return statements;
    }

    private static void flush(List<String> statements, String prefix, List<String> rows) {
        if (!rows.isEmpty()) {
            statements.add(prefix + String.join(", ", rows));
            rows.clear();
        }
    }

    private static String description(Random random) {
        String[] words = {"Monitor", "Keyboard", "Mouse", "Cable", "Desk", "Lamp", "Chair", "Dock"};
        return words[random.nextInt(words.length)] + " " + (char) ('A' + random.nextInt(26));
    }

    private static String domain(Random random) {
        String[] domains = {"domain.com", "example.org", "mail.net"};
        return domains[random.nextInt(domains.length)];
    }
}
