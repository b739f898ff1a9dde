package io.jvitess.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #4's proof: Reshard customer 0 -> -80,80- of a 100,000-row table while four clients write through vtgate,
 * with the -80 target tablet killed (kill -9) during the copy phase and restarted; VDiff before and after the
 * switch, SwitchTraffic and Complete, then every acknowledged write is checked; then a merge back to 0.
 * Real processes throughout: ZooKeeper, vtctld, three mysqld + vttablet, vtgate, driven by the example scripts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReshardUnderLoadTest {

    private static final int ROWS = Integer.getInteger("reshard.test.rows", 100_000);
    private static final int WRITERS = 4;
    private static final int VTGATE_PORT = 15306;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VSCHEMA = """
            {"sharded": true, "vindexes": {"hash": {"type": "hash"}},
             "tables": {"customer": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}""";

    private static Path projectRoot;
    private static Path dataRoot;
    private static Shell shell;
    private static final List<String> report = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        projectRoot = Vttestserver.projectRoot();
        dataRoot = Files.createTempDirectory("jvitess-reshard");
        shell = new Shell(projectRoot, Map.of("VTDATAROOT", dataRoot.toString(), "JVITESS_SKIP_BUILD", "1", "CELL", "zone1",
                "VTGATE_TABLET_TYPES_TO_WAIT", "PRIMARY"));
        for (int port : List.of(VTGATE_PORT, 15999, 21811, 16600, 16700, 16800)) {
            assertThat(Probes.listening(port)).as("port %d must be free (is a cluster running?)", port).isFalse();
        }
        script("examples/common/scripts/zk-up.sh");
        script("examples/common/scripts/vtctld-up.sh");
        vtctldclient("CreateKeyspace", "customer");
        ExecutorService starter = Executors.newFixedThreadPool(3);
        List<Future<Shell.Result>> mysqlds = new ArrayList<>();
        for (int uid : List.of(600, 700, 800)) {
            mysqlds.add(starter.submit(() -> shell(Map.of("TABLET_UID", Integer.toString(uid)), "examples/common/scripts/mysqlctl-up.sh")));
        }
        for (Future<Shell.Result> mysqld : mysqlds) {
            mysqld.get().assertSuccess();
        }
        starter.shutdown();
        startTablet(600, "0");
        startTablet(700, "-80");
        startTablet(800, "80-");
        for (String shard : List.of("0", "-80", "80-")) {
            bash("wait_for_healthy_shard customer " + shard + " 1");
        }
        vtctldclient("ApplySchema", "--sql", "create table customer (id bigint not null, email varbinary(128), counter bigint not null "
                + "default 0, primary key (id)) engine=InnoDB", "customer");
        vtctldclient("ApplyVSchema", "--vschema", VSCHEMA, "customer");
        loadRows();
        script("examples/common/scripts/vtgate-up.sh");
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (shell != null) {
            script("examples/common/scripts/vtgate-down.sh");
            for (int uid : List.of(600, 700, 800)) {
                shell(Map.of("TABLET_UID", Integer.toString(uid)), "examples/common/scripts/vttablet-down.sh");
                shell(Map.of("TABLET_UID", Integer.toString(uid)), "examples/common/scripts/mysqlctl-down.sh");
            }
            script("examples/common/scripts/vtctld-down.sh");
            script("examples/common/scripts/zk-down.sh");
        }
        Path reportFile = projectRoot.resolve("e2e/target/reshard-report.txt");
        Files.createDirectories(reportFile.getParent());
        Files.write(reportFile, report);
        report.forEach(line -> System.out.println("[reshard] " + line));
    }

    @Test
    @Order(1)
    void splitUnderWriteLoadWithATargetTabletKilledDuringCopy() throws Exception {
        Writers writers = Writers.start(WRITERS, ROWS, 10_000_000L, Map.of());
        long started = System.nanoTime();
        // Created stopped: create also reports the workflow's status from every target, and a kill during that report
        // would fail create itself. Start is one short call to each target; the copy runs at tens of thousands of
        // rows/s, so watch for it while start is still returning.
        vtctldclient("Reshard", "--workflow", "split", "--target-keyspace", "customer", "create", "--source-shards", "0",
                "--target-shards", "-80,80-", "--auto-start=false");
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<String> start = background.submit(() -> vtctldclient("Reshard", "--workflow", "split", "--target-keyspace", "customer",
                "start"));
        background.shutdown();

        // kill -9 the -80 primary while it copies, then restart it: the copy resumes from its copy_state.
        long copiedAtKill = waitUntilCopying(700, ROWS / 10);
        long pid = Long.parseLong(Files.readString(dataRoot.resolve("vt_0000000700/vttablet.pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Probes.eventually(Duration.ofSeconds(20), () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? null : "dead");
        report.add("killed the -80 target tablet (pid " + pid + ") during the copy phase, " + copiedAtKill + " rows copied");
        startTablet(700, "-80");
        start.get();

        waitForCopyPhase("customer", "split");
        double copySeconds = (System.nanoTime() - started) / 1e9;
        report.add(String.format("copy phase of %,d rows (with the kill and restart) took %.1f s: %,.0f rows/s", ROWS, copySeconds,
                ROWS / copySeconds));

        JsonNode before = vdiff("customer", "split");
        assertThat(before.path("HasMismatch").asBoolean(true)).as("VDiff before the switch: %s", before).isFalse();
        assertThat(before.path("RowsCompared").asLong()).isGreaterThanOrEqualTo(ROWS / 2);

        writers.markSwitch();
        vtctldclient("Reshard", "--workflow", "split", "--target-keyspace", "customer", "switchtraffic");
        writers.markSwitchDone();
        Thread.sleep(2_000);

        JsonNode reverse = vdiff("customer", "split_reverse");
        assertThat(reverse.path("HasMismatch").asBoolean(true)).as("VDiff of the reverse workflow after the switch: %s", reverse).isFalse();

        vtctldclient("Reshard", "--workflow", "split", "--target-keyspace", "customer", "complete");
        writers.stop();

        report.add(writers.summary());
        assertThat(writers.errors()).as("client errors: %s", writers.errorSamples()).isZero();
        assertThat(servedShards("PRIMARY")).containsExactly("-80", "80-");
        assertAcknowledgedWritesPresent(writers);
    }

    @Test
    @Order(2)
    void mergeBackIntoOneShard() throws Exception {
        // The old shard 0 still holds the pre-switch rows; empty it so the merge copies into a clean shard.
        try (Connection connection = mysqld(600); Statement statement = connection.createStatement()) {
            statement.execute("truncate table customer");
        }
        Writers writers = Writers.start(2, ROWS, 100_000_000L, servedRows());
        long started = System.nanoTime();
        vtctldclient("Reshard", "--workflow", "merge", "--target-keyspace", "customer", "create", "--source-shards", "-80,80-",
                "--target-shards", "0");
        waitForCopyPhase("customer", "merge");
        double copySeconds = (System.nanoTime() - started) / 1e9;
        report.add(String.format("merge copy phase (create to running, two streams, under 2 writers): %.1f s for about %,d rows: %,.0f rows/s",
                copySeconds, ROWS, ROWS / copySeconds));
        JsonNode diff = vdiff("customer", "merge");
        assertThat(diff.path("HasMismatch").asBoolean(true)).as("VDiff of the merge: %s", diff).isFalse();
        writers.markSwitch();
        vtctldclient("Reshard", "--workflow", "merge", "--target-keyspace", "customer", "switchtraffic");
        writers.markSwitchDone();
        Thread.sleep(1_000);
        vtctldclient("Reshard", "--workflow", "merge", "--target-keyspace", "customer", "complete");
        writers.stop();
        report.add("merge back: " + writers.summary());
        assertThat(writers.errors()).as("client errors: %s", writers.errorSamples()).isZero();
        assertThat(servedShards("PRIMARY")).containsExactly("0");
        assertAcknowledgedWritesPresent(writers);
    }

    private static void assertAcknowledgedWritesPresent(Writers writers) throws SQLException {
        Map<Long, Long> actual = servedRows();
        int checked = 0;
        for (Map.Entry<Long, Long> expected : writers.expected().entrySet()) {
            Long value = expected.getValue();
            if (value == Writers.DELETED) {
                assertThat(actual).as("deleted row %d", expected.getKey()).doesNotContainKey(expected.getKey());
            } else {
                assertThat(actual.get(expected.getKey())).as("row %d", expected.getKey()).isEqualTo(value);
            }
            checked++;
        }
        report.add("checked " + checked + " acknowledged rows; " + actual.size() + " rows served");
    }

    /** Every row's counter, as vtgate serves it. */
    private static Map<Long, Long> servedRows() throws SQLException {
        Map<Long, Long> actual = new HashMap<>();
        // Paged through vtgate (a merge-sorted cross-shard query per page): results are capped at 10,000 rows.
        try (Connection connection = gateway();
             PreparedStatement page = connection.prepareStatement("select id, counter from customer where id > ? order by id limit 5000")) {
            long last = Long.MIN_VALUE;
            while (true) {
                page.setLong(1, last);
                int count = 0;
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        last = rows.getLong(1);
                        actual.put(last, rows.getLong(2));
                        count++;
                    }
                }
                if (count < 5000) {
                    break;
                }
            }
        }
        return actual;
    }

    // ---- cluster plumbing ----

    private static void loadRows() throws SQLException {
        try (Connection connection = mysqld(600)) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into customer (id, email, counter) values (?, ?, 0)")) {
                for (int id = 1; id <= ROWS; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "user" + id + "@domain.com");
                    insert.addBatch();
                    if (id % 5_000 == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        }
    }

    private static Connection mysqld(int uid) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + (17000 + uid) + "/vt_customer?sslMode=disable&rewriteBatchedStatements=true",
                "vt_dba", "");
    }

    static Connection gateway() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + VTGATE_PORT + "/customer?sslMode=disable&connectTimeout=10000",
                "root", "");
    }

    private static void startTablet(int uid, String shard) {
        shell(Map.of("TABLET_UID", Integer.toString(uid), "KEYSPACE", "customer", "SHARD", shard), "examples/common/scripts/vttablet-up.sh")
                .assertSuccess();
    }

    /** Polls the target's mysqld until its stream is copying and holds at least {@code rows} rows; returns the row count. */
    private static long waitUntilCopying(int uid, long rows) throws SQLException {
        try (Connection connection = mysqld(uid); Statement statement = connection.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet state = statement.executeQuery("select (select count(*) from _vt.vreplication where state = 'Copying'), "
                        + "(select count(*) from vt_customer.customer)")) {
                    state.next();
                    if (state.getLong(1) > 0 && state.getLong(2) >= rows) {
                        return state.getLong(2);
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("the stream on tablet " + uid + " never copied " + rows + " rows");
    }

    private static void waitForCopyPhase(String keyspace, String workflow) {
        bash("wait_for_workflow_running " + keyspace + " " + workflow);
    }

    /** Runs a VDiff to completion and returns the {@code show last} JSON. */
    private static JsonNode vdiff(String keyspace, String workflow) {
        vtctldclient("VDiff", "--workflow", workflow, "--target-keyspace", keyspace, "create");
        return Probes.eventually(Duration.ofMinutes(3), () -> {
            JsonNode show = json(vtctldclient("VDiff", "--workflow", workflow, "--target-keyspace", keyspace, "show", "last"));
            String state = show.path("State").asText();
            if (state.equals("error")) {
                throw new AssertionError("VDiff failed: " + show);
            }
            return state.equals("completed") ? show : null;
        });
    }

    private static List<String> servedShards(String type) {
        JsonNode srvKeyspaces = json(vtctldclient("GetSrvKeyspaces", "customer", "zone1"));
        List<String> shards = new ArrayList<>();
        for (JsonNode partition : srvKeyspaces.path("zone1").path("partitions")) {
            if (partition.path("served_type").asText().equals(type)) {
                partition.path("shard_references").forEach(reference -> shards.add(reference.path("name").asText()));
            }
        }
        return shards;
    }

    private static String vtctldclient(String... arguments) {
        return new ClusterClients(shell, VTGATE_PORT, 15999).vtctldclient(arguments).assertSuccess().stdout();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private static void script(String path) {
        shell.run(SCRIPT_TIMEOUT, List.of(path)).assertSuccess();
    }

    private static void bash(String command) {
        shell.run(SCRIPT_TIMEOUT, List.of("bash", "-c", "source examples/common/env.sh && " + command)).assertSuccess();
    }

    private static Shell.Result shell(Map<String, String> environment, String path) {
        Map<String, String> merged = new HashMap<>(Map.of("VTDATAROOT", dataRoot.toString(), "JVITESS_SKIP_BUILD", "1", "CELL", "zone1"));
        merged.putAll(environment);
        return new Shell(projectRoot, merged).run(SCRIPT_TIMEOUT, List.of(path));
    }

    /** Clients writing through vtgate; each owns a slice of ids and records what it was told succeeded. */
    static final class Writers {

        static final long DELETED = Long.MIN_VALUE;

        private final List<Thread> threads = new ArrayList<>();
        private final Map<Long, Long> expected = new ConcurrentHashMap<>();
        private final List<String> errorSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong longestNanos = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong longestDuringSwitchNanos = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean running = true;
        private volatile boolean switching;

        /** {@code baseline}: the rows' counters before the writers start (an update adds one to it); new ids start at idBase. */
        static Writers start(int count, int preloaded, long idBase, Map<Long, Long> baseline) {
            Writers writers = new Writers();
            writers.expected.putAll(baseline);
            for (int writer = 0; writer < count; writer++) {
                int index = writer;
                Thread thread = Thread.ofPlatform().name("writer-" + writer).start(() -> writers.run(index, count, preloaded, idBase));
                writers.threads.add(thread);
            }
            return writers;
        }

        private void run(int index, int count, int preloaded, long idBase) {
            java.util.Random random = new java.util.Random(index);
            long nextId = idBase * (index + 1);
            List<Long> owned = new ArrayList<>();
            try (Connection connection = gateway()) {
                while (running) {
                    int dice = random.nextInt(10);
                    long id;
                    String sql;
                    Runnable onSuccess;
                    if (dice < 5 || owned.isEmpty()) {
                        long inserted = nextId++;
                        id = inserted;
                        sql = "insert into customer (id, email, counter) values (" + id + ", 'w" + index + "', 0)";
                        onSuccess = () -> {
                            expected.put(inserted, 0L);
                            owned.add(inserted);
                        };
                    } else if (dice < 8) {
                        // Half the updates hit this writer's own slice of the preloaded rows (counter starts at 0).
                        long updated = random.nextBoolean() ? owned.get(random.nextInt(owned.size()))
                                : 1 + (long) random.nextInt(preloaded / count) * count + index;
                        id = updated;
                        sql = "update customer set counter = counter + 1 where id = " + id;
                        onSuccess = () -> expected.merge(updated, 1L, Long::sum);
                    } else {
                        long deleted = owned.remove(random.nextInt(owned.size()));
                        id = deleted;
                        sql = "delete from customer where id = " + id;
                        onSuccess = () -> expected.put(deleted, DELETED);
                    }
                    long began = System.nanoTime();
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate(sql);
                        onSuccess.run();
                        writes.incrementAndGet();
                    } catch (SQLException e) {
                        // The outcome is unknown: stop tracking the row (the test fails on any error anyway).
                        errors.incrementAndGet();
                        if (errorSamples.size() < 10) {
                            errorSamples.add(e.getErrorCode() + " " + e.getMessage());
                        }
                        expected.remove(id);
                        owned.remove(id);
                    }
                    long took = System.nanoTime() - began;
                    longestNanos.accumulateAndGet(took, Math::max);
                    if (switching) {
                        longestDuringSwitchNanos.accumulateAndGet(took, Math::max);
                    }
                }
            } catch (SQLException e) {
                errors.incrementAndGet();
                errorSamples.add("connection: " + e.getMessage());
            }
        }

        void markSwitch() {
            switching = true;
        }

        void markSwitchDone() {
            switching = false;
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join();
            }
        }

        Map<Long, Long> expected() {
            return expected;
        }

        long errors() {
            return errors.get();
        }

        List<String> errorSamples() {
            return errorSamples;
        }

        String summary() {
            return String.format("%d writers made %,d acknowledged writes, %d errors; longest write %.0f ms overall, %.0f ms during SwitchTraffic",
                    threads.size(), writes.get(), errors.get(), longestNanos.get() / 1e6, longestDuringSwitchNanos.get() / 1e6);
        }
    }
}
