package io.jvitess.e2e.differential;

import io.jvitess.e2e.Vttestserver;
import io.jvitess.mysqlctl.Mysqld;
import io.jvitess.mysqlctl.MysqldConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same data in one plain mysqld and in jvitess (vttestserver: 4-shard customer keyspace,
 * unsharded commerce); every query shape must return the same rows from both. Shapes jvitess
 * refuses with VT12001 are listed, never counted as passing; a different answer fails the test.
 */
class DifferentialQueryTest {

    private static final String CUSTOMER_VSCHEMA = """
            {
              "sharded": true,
              "vindexes": {"hash": {"type": "hash"}},
              "tables": {
                "customer": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]},
                "corder": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]}
              }
            }""";

    private static Mysqld oracleMysqld;
    private static Process vttestserver;
    private static Path workDirectory;
    private static int vtgatePort;

    @BeforeAll
    static void start() throws Exception {
        workDirectory = Files.createTempDirectory("jvitess-differential");
        oracleMysqld = new Mysqld(MysqldConfig.of(901, freePort(), workDirectory.resolve("oracle")));
        oracleMysqld.init(Duration.ofMinutes(2));
        try (Connection connection = DriverManager.getConnection(oracleMysqld.jdbcUrl(""), Mysqld.DBA_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("create database commerce_all");
            statement.execute("use commerce_all");
            for (String ddl : List.of(CommerceData.PRODUCT_TABLE, CommerceData.CUSTOMER_TABLE, CommerceData.CORDER_TABLE)) {
                statement.execute(ddl);
            }
        }

        Path schema = workDirectory.resolve("schema");
        Files.createDirectories(schema.resolve("commerce"));
        Files.createDirectories(schema.resolve("customer"));
        Files.writeString(schema.resolve("commerce/schema.sql"), CommerceData.PRODUCT_TABLE + ";\n");
        Files.writeString(schema.resolve("commerce/vschema.json"), "{\"tables\": {\"product\": {}}}");
        Files.writeString(schema.resolve("customer/schema.sql"), CommerceData.CUSTOMER_TABLE + ";\n" + CommerceData.CORDER_TABLE + ";\n");
        Files.writeString(schema.resolve("customer/vschema.json"), CUSTOMER_VSCHEMA);
        int basePort = Vttestserver.freeBasePort();
        vtgatePort = basePort + 3;
        vttestserver = Vttestserver.start(workDirectory, schema, basePort, "commerce,customer", "1,4");

        for (String insert : CommerceData.inserts()) {
            try (Connection vtgate = vtgate(); Statement statement = vtgate.createStatement()) {
                statement.execute(insert);
            }
            try (Connection oracle = oracle(); Statement statement = oracle.createStatement()) {
                statement.execute(insert);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Vttestserver.stop(vttestserver);
        if (oracleMysqld != null) {
            oracleMysqld.teardown(Duration.ofSeconds(30));
        }
    }

    @Test
    void everyShapeReturnsWhatOneMysqlReturns() throws Exception {
        List<QueryShapes.Shape> shapes = QueryShapes.all();
        assertThat(shapes).hasSizeGreaterThanOrEqualTo(300);
        Map<String, String> unsupported = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        try (Connection vtgate = vtgate(); Connection oracle = oracle()) {
            for (QueryShapes.Shape shape : shapes) {
                Outcome actual = run(vtgate, shape);
                if (actual.error() != null) {
                    if (actual.errno() == 1235) {
                        unsupported.put(shape.sql(), actual.error());
                        continue;
                    }
                    mismatches.add(shape.sql() + "\n  jvitess failed: " + actual.error());
                    continue;
                }
                Outcome expected = run(oracle, shape);
                compared++;
                if (!expected.matches(actual, shape.ordered())) {
                    mismatches.add(shape.sql() + "\n  mysql:   " + expected.describe() + "\n  jvitess: " + actual.describe());
                }
            }
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format("shapes: %d, compared: %d, unsupported (VT12001): %d, mismatches: %d%n",
                shapes.size(), compared, unsupported.size(), mismatches.size()));
        unsupported.forEach((sql, error) -> report.append("UNSUPPORTED ").append(sql).append("\n  ").append(error).append('\n'));
        mismatches.forEach(mismatch -> report.append("MISMATCH ").append(mismatch).append('\n'));
        Path reportFile = Path.of("target", "differential-report.txt");
        Files.createDirectories(reportFile.getParent());
        Files.writeString(reportFile, report);
        System.out.print(report);
        assertThat(mismatches).as(report.toString()).isEmpty();
    }

    /** One statement's outcome: column labels and rows as text (NULL as null), affected rows, or an error. */
    private record Outcome(List<String> columns, List<List<String>> rows, long affectedRows, String error, int errno) {

        boolean matches(Outcome other, boolean ordered) {
            if (!columns.equals(other.columns) || affectedRows != other.affectedRows) {
                return false;
            }
            List<List<String>> left = ordered ? rows : sorted(rows);
            List<List<String>> right = ordered ? other.rows : sorted(other.rows);
            if (left.size() != right.size()) {
                return false;
            }
            for (int row = 0; row < left.size(); row++) {
                for (int column = 0; column < columns.size(); column++) {
                    if (!sameValue(left.get(row).get(column), right.get(row).get(column))) {
                        return false;
                    }
                }
            }
            return true;
        }

        String describe() {
            if (error != null) {
                return "error " + error;
            }
            String shown = rows.size() > 6 ? rows.subList(0, 6) + " ... (" + rows.size() + " rows)" : rows.toString();
            return columns + " " + shown + (affectedRows >= 0 ? " affected=" + affectedRows : "");
        }

        private static List<List<String>> sorted(List<List<String>> rows) {
            List<List<String>> copy = new ArrayList<>(rows);
            copy.sort(Comparator.comparing(Object::toString));
            return copy;
        }

        /** Numbers compare by value (30 vs 30.0000 formatting aside); everything else exactly. */
        private static boolean sameValue(String left, String right) {
            if (left == null || right == null) {
                return left == right;
            }
            if (left.equals(right)) {
                return true;
            }
            try {
                return new BigDecimal(left).compareTo(new BigDecimal(right)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private static Outcome run(Connection connection, QueryShapes.Shape shape) {
        try (Statement statement = connection.createStatement()) {
            if (!statement.execute(shape.sql())) {
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

    private static Connection vtgate() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + vtgatePort + "/?sslMode=disable", "app", "");
    }

    private static Connection oracle() throws SQLException {
        return DriverManager.getConnection(oracleMysqld.jdbcUrl("commerce_all"), Mysqld.DBA_USER, "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A base port P with P..P+3 free (vttestserver uses P+1 for gRPC and P+3 for MySQL). */

}
