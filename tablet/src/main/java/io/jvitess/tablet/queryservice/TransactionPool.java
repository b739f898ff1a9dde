package io.jvitess.tablet.queryservice;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.tablet.mysql.MysqlConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open transactions by id. Each holds one mysqld connection until commit or rollback; a
 * transaction left open longer than the timeout (a vtgate that died, a forgotten client) is
 * rolled back by {@link #killExpired()} so it cannot hold locks forever.
 */
final class TransactionPool {

    private static final Logger log = LoggerFactory.getLogger(TransactionPool.class);

    record Transaction(long id, Connection connection, Instant started) {
    }

    private final ConcurrentHashMap<Long, Transaction> open = new ConcurrentHashMap<>();
    private final AtomicLong nextId;
    private final Duration timeout;
    private final Clock clock;

    TransactionPool(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        // Ids unique across tablet restarts, so a stale id from before a restart is never reused.
        this.nextId = new AtomicLong(clock.millis() * 1000);
    }

    long begin(Connection connection) {
        long id = nextId.incrementAndGet();
        open.put(id, new Transaction(id, connection, clock.instant()));
        return id;
    }

    Connection get(long id) {
        Transaction transaction = open.get(id);
        if (transaction == null) {
            throw notFound(id);
        }
        return transaction.connection();
    }

    /** Removes the transaction; the caller commits or rolls back and returns the connection. */
    Connection remove(long id) {
        Transaction transaction = open.remove(id);
        if (transaction == null) {
            throw notFound(id);
        }
        return transaction.connection();
    }

    int size() {
        return open.size();
    }

    void killExpired() {
        Instant deadline = clock.instant().minus(timeout);
        for (Transaction transaction : List.copyOf(open.values())) {
            if (transaction.started().isBefore(deadline) && open.remove(transaction.id(), transaction)) {
                log.warn("rolling back transaction {}: open longer than the {} transaction timeout", transaction.id(), timeout);
                rollbackAndRelease(transaction.connection());
            }
        }
    }

    void rollbackAll() {
        for (Transaction transaction : List.copyOf(open.values())) {
            if (open.remove(transaction.id(), transaction)) {
                rollbackAndRelease(transaction.connection());
            }
        }
    }

    static void rollbackAndRelease(Connection connection) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            log.debug("rollback failed, connection discarded", e);
        } finally {
            MysqlConnector.closeQuietly(connection);
        }
    }

    private static VtException notFound(long id) {
        return VtException.of(VtCode.ABORTED, SqlState.UNKNOWN_ERROR,
                "transaction %d: not found (rolled back, committed or timed out)", id);
    }
}
