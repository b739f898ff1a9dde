package io.jvitess.topo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jvitess.topo.TopoAssertions.assertTopoError;
import static io.jvitess.topo.TopoAssertions.bytes;
import static io.jvitess.topo.TopoAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour every {@link TopoConn} implementation must share. Each test runs on a fresh, unique root of the
 * implementation's tree. Subclasses provide the factory; conns created from it for the same address and root must
 * see the same data.
 */
public abstract class TopoConnContract {

    private static final Duration LONG_WAIT = Duration.ofSeconds(20);

    private final List<TopoConn> opened = new ArrayList<>();
    private String root;
    protected TopoConn conn;

    protected abstract TopoConnFactory factory();

    protected abstract String serverAddress();

    @BeforeEach
    void openConn() {
        root = "/contract-" + UUID.randomUUID();
        conn = open();
    }

    @AfterEach
    void closeConns() {
        opened.forEach(TopoConn::close);
    }

    /** Another connection to this test's root. */
    protected TopoConn open() {
        return openAt(root);
    }

    protected TopoConn openAt(String connRoot) {
        TopoConn opened = factory().create(serverAddress(), connRoot);
        this.opened.add(opened);
        return opened;
    }

    protected String root() {
        return root;
    }

    @Test
    void createThenGetReturnsContentsAndVersion() {
        Version created = conn.create("keyspaces/commerce/Keyspace", bytes("one"));

        VersionedValue value = conn.get("keyspaces/commerce/Keyspace");

        assertThat(text(value.contents())).isEqualTo("one");
        assertThat(value.version()).isEqualTo(created);
    }

    @Test
    void createExistingFileFailsWithNodeExists() {
        conn.create("a/file", bytes("one"));

        assertTopoError(() -> conn.create("a/file", bytes("two")), TopoErrorCode.NODE_EXISTS);
        assertThat(text(conn.get("a/file").contents())).isEqualTo("one");
    }

    @Test
    void getMissingFileFailsWithNoNode() {
        assertTopoError(() -> conn.get("missing/file"), TopoErrorCode.NO_NODE);
    }

    @Test
    void updateWithCurrentVersionSucceedsAndStaleVersionFailsWithBadVersion() {
        Version first = conn.create("a/file", bytes("one"));

        Version second = conn.update("a/file", bytes("two"), first);

        assertThat(second).isNotEqualTo(first);
        assertThat(conn.get("a/file")).isEqualTo(new VersionedValue(bytes("two"), second));
        assertTopoError(() -> conn.update("a/file", bytes("three"), first), TopoErrorCode.BAD_VERSION);
        assertThat(text(conn.get("a/file").contents())).isEqualTo("two");
    }

    @Test
    void updateWithVersionOfMissingFileFailsWithNoNode() {
        Version version = conn.create("a/file", bytes("one"));

        assertTopoError(() -> conn.update("a/other", bytes("two"), version), TopoErrorCode.NO_NODE);
    }

    @Test
    void unconditionalUpdateCreatesMissingFileWithParentsAndOverwritesExisting() {
        Version created = conn.update("deep/er/file", bytes("one"), null);
        Version overwritten = conn.update("deep/er/file", bytes("two"), null);

        assertThat(overwritten).isNotEqualTo(created);
        assertThat(conn.get("deep/er/file")).isEqualTo(new VersionedValue(bytes("two"), overwritten));
        assertThat(conn.listDir("deep")).containsExactly("er");
    }

    @Test
    void deleteChecksVersion() {
        Version first = conn.create("a/file", bytes("one"));
        Version second = conn.update("a/file", bytes("two"), first);

        assertTopoError(() -> conn.delete("a/file", first), TopoErrorCode.BAD_VERSION);
        conn.delete("a/file", second);

        assertTopoError(() -> conn.get("a/file"), TopoErrorCode.NO_NODE);
    }

    @Test
    void deleteMissingFileFailsWithNoNode() {
        assertTopoError(() -> conn.delete("a/file", null), TopoErrorCode.NO_NODE);
    }

    @Test
    void deleteRemovesParentDirectoriesThatBecameEmpty() {
        conn.create("keyspaces/one/shards/0/Shard", bytes("shard"));
        conn.create("keyspaces/one/Keyspace", bytes("ks"));
        conn.create("keyspaces/two/Keyspace", bytes("ks"));

        conn.delete("keyspaces/one/shards/0/Shard", null);

        assertThat(conn.listDir("keyspaces/one")).containsExactly("Keyspace");
        assertTopoError(() -> conn.listDir("keyspaces/one/shards"), TopoErrorCode.NO_NODE);

        conn.delete("keyspaces/one/Keyspace", null);

        assertThat(conn.listDir("keyspaces")).containsExactly("two");

        conn.delete("keyspaces/two/Keyspace", null);

        assertTopoError(() -> conn.listDir("keyspaces"), TopoErrorCode.NO_NODE);
        assertThat(conn.listDir("")).isEmpty();
    }

    @Test
    void deleteKeepsParentsThatAreFiles() {
        conn.create("a", bytes("file"));
        conn.create("a/b", bytes("child"));

        conn.delete("a/b", null);

        assertThat(text(conn.get("a").contents())).isEqualTo("file");
    }

    @Test
    void deleteOfDirectoryWithChildrenFailsWithNodeNotEmpty() {
        conn.create("dir/file", bytes("x"));

        assertTopoError(() -> conn.delete("dir", null), TopoErrorCode.NODE_NOT_EMPTY);
    }

    @Test
    void listDirReturnsSortedChildNames() {
        conn.create("dir/b", bytes("b"));
        conn.create("dir/c/nested", bytes("c"));
        conn.create("dir/a", bytes("a"));
        conn.create("dir/B", bytes("B"));

        assertThat(conn.listDir("dir")).containsExactly("B", "a", "b", "c");
        assertThat(conn.listDir("/dir/")).containsExactly("B", "a", "b", "c");
    }

    @Test
    void listDirOfMissingDirectoryFailsWithNoNode() {
        assertTopoError(() -> conn.listDir("missing"), TopoErrorCode.NO_NODE);
    }

    @Test
    void deleteRecursiveRemovesTheSubtreeAndEmptyParents() {
        conn.create("keyspaces/gone/Keyspace", bytes("ks"));
        conn.create("keyspaces/gone/shards/-80/Shard", bytes("s1"));
        conn.create("keyspaces/gone/shards/80-/Shard", bytes("s2"));
        conn.create("other/file", bytes("x"));

        conn.deleteRecursive("keyspaces/gone");

        assertTopoError(() -> conn.get("keyspaces/gone/Keyspace"), TopoErrorCode.NO_NODE);
        assertTopoError(() -> conn.listDir("keyspaces"), TopoErrorCode.NO_NODE);
        assertThat(conn.listDir("")).containsExactly("other");
    }

    @Test
    void deleteRecursiveOfMissingDirectoryIsNoError() {
        conn.deleteRecursive("missing/dir");

        assertTopoError(() -> conn.listDir("missing"), TopoErrorCode.NO_NODE);
    }

    @Test
    void rootsAreSeparateTrees() {
        TopoConn other = openAt(root() + "-other");
        conn.create("a/file", bytes("mine"));
        other.create("a/file", bytes("theirs"));

        assertThat(text(conn.get("a/file").contents())).isEqualTo("mine");
        assertThat(text(other.get("a/file").contents())).isEqualTo("theirs");
    }

    @Test
    void connectionsToTheSameRootShareData() {
        conn.create("a/file", bytes("shared"));

        assertThat(text(open().get("a/file").contents())).isEqualTo("shared");
    }

    @Test
    void pathsThatEscapeTheRootAreRejected() {
        assertTopoError(() -> conn.get("a/../b"), TopoErrorCode.INVALID_ARGUMENT);
        assertTopoError(() -> conn.create("a//b", bytes("x")), TopoErrorCode.INVALID_ARGUMENT);
        assertTopoError(() -> conn.create("", bytes("x")), TopoErrorCode.INVALID_ARGUMENT);
        assertTopoError(() -> conn.deleteRecursive("/"), TopoErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void watchReportsInitialValueThenEachChangeAndDeletion() {
        Version version = conn.create("srv/SrvVSchema", bytes("v1"));
        RecordingWatchListener listener = new RecordingWatchListener();

        try (Watch watch = open().watch("srv/SrvVSchema", listener)) {
            assertThat(watch.initial()).isEqualTo(new VersionedValue(bytes("v1"), version));

            conn.update("srv/SrvVSchema", bytes("v2"), null);
            assertThat(listener.next()).isEqualTo("changed:v2");
            conn.update("srv/SrvVSchema", bytes("v3"), null);
            assertThat(listener.next()).isEqualTo("changed:v3");
            conn.delete("srv/SrvVSchema", null);
            assertThat(listener.next()).isEqualTo("deleted");
        }
    }

    @Test
    void watchContinuesWhenTheFileIsRecreated() {
        conn.create("srv/file", bytes("v1"));
        RecordingWatchListener listener = new RecordingWatchListener();

        try (Watch ignored = conn.watch("srv/file", listener)) {
            conn.delete("srv/file", null);
            assertThat(listener.next()).isEqualTo("deleted");
            conn.create("srv/file", bytes("again"));
            assertThat(listener.next()).isEqualTo("changed:again");
        }
    }

    @Test
    void watchSeesTheLatestValueOfQuickSuccessiveChanges() {
        conn.create("srv/file", bytes("0"));
        RecordingWatchListener listener = new RecordingWatchListener();

        try (Watch ignored = conn.watch("srv/file", listener)) {
            for (int i = 1; i <= 20; i++) {
                conn.update("srv/file", bytes(Integer.toString(i)), null);
            }
            listener.awaitEvent("changed:20");
        }
    }

    @Test
    void watchOfMissingFileFailsWithNoNode() {
        assertTopoError(() -> conn.watch("missing/file", new RecordingWatchListener()), TopoErrorCode.NO_NODE);
    }

    @Test
    void lockExcludesOtherConnectionsUntilReleased() throws Exception {
        conn.create("keyspaces/ks/Keyspace", bytes("ks"));
        TopoConn other = open();
        AtomicBoolean firstReleased = new AtomicBoolean();
        AutoCloseable first = conn.lock("keyspaces/ks", "first", LONG_WAIT);
        CountDownLatch waiting = new CountDownLatch(1);

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try (AutoCloseable ignored = other.lock("keyspaces/ks", "second", LONG_WAIT)) {
                return firstReleased.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waiting.await();
        // give the second locker a chance to queue up behind the first one; correctness does not depend on it
        Thread.sleep(200);
        assertThat(second).isNotDone();
        firstReleased.set(true);
        first.close();

        assertThat(second.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS)).as("second acquired only after release").isTrue();
    }

    @Test
    void lockTimesOutWhileHeldAndNamesTheHolder() throws Exception {
        conn.create("keyspaces/ks/Keyspace", bytes("ks"));

        try (AutoCloseable ignored = conn.lock("keyspaces/ks", "holder-action", LONG_WAIT)) {
            TopoConn other = open();
            assertTopoError(() -> other.lock("keyspaces/ks", "late", Duration.ofMillis(300)), TopoErrorCode.TIMEOUT);
            assertThatThrownBy(() -> other.lock("keyspaces/ks", "late", Duration.ZERO))
                    .isInstanceOf(TopoException.class)
                    .hasMessageContaining("holder-action");
        }
    }

    @Test
    void lockIsAvailableAgainAfterReleaseAndLeavesNoTrace() throws Exception {
        conn.create("keyspaces/ks/Keyspace", bytes("ks"));

        conn.lock("keyspaces/ks", "first", LONG_WAIT).close();
        try (AutoCloseable ignored = open().lock("keyspaces/ks", "again", Duration.ofSeconds(5))) {
            assertThat(conn.get("keyspaces/ks/Keyspace").contents()).isEqualTo(bytes("ks"));
        }

        assertThat(conn.listDir("keyspaces/ks")).containsExactly("Keyspace");
    }

    @Test
    void lockOnMissingDirectoryFailsWithNoNode() {
        assertTopoError(() -> conn.lock("keyspaces/missing", "x", Duration.ofSeconds(1)), TopoErrorCode.NO_NODE);
    }

    @Test
    void closingAConnectionReleasesItsLocks() throws Exception {
        conn.create("keyspaces/ks/Keyspace", bytes("ks"));
        TopoConn holder = open();
        holder.lock("keyspaces/ks", "holder", LONG_WAIT);

        holder.close();

        try (AutoCloseable ignored = conn.lock("keyspaces/ks", "next", LONG_WAIT)) {
            assertThat(conn.listDir("keyspaces/ks")).contains("Keyspace");
        }
    }

    @Test
    void lockAllowsOneHolderAtATime() throws Exception {
        conn.create("keyspaces/ks/Keyspace", bytes("ks"));
        int threads = 4;
        int rounds = 5;
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                TopoConn own = open();
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        try (AutoCloseable ignored = own.lock("keyspaces/ks", "worker", LONG_WAIT)) {
                            maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                            acquisitions.incrementAndGet();
                            Thread.yield();
                            holders.decrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(acquisitions).hasValue(threads * rounds);
        assertThat(maxHolders).hasValue(1);
    }
}
