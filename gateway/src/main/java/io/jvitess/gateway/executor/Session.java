package io.jvitess.gateway.executor;

import io.jvitess.proto.topodata.TabletType;
import io.jvitess.sql.target.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One client connection's state in vtgate: its target (from USE), autocommit and transaction
 * state, the transactions it holds on tablets, and values MySQL keeps per session.
 * Used by one connection thread at a time.
 */
public final class Session {

    private final long connectionId;
    private final String user;
    private Target target = Target.parse("");
    private boolean autocommit = true;
    private volatile boolean inTransaction;
    private final Map<String, ShardSession> shardSessions = new LinkedHashMap<>();
    private long lastInsertId;
    private final Map<String, String> userVariables = new LinkedHashMap<>();
    private final Map<String, String> systemVariables = new LinkedHashMap<>();
    private TransactionMode transactionMode = TransactionMode.MULTI;
    private volatile StatementAttempt attempt = new StatementAttempt();

    public Session(long connectionId, String user) {
        this.connectionId = connectionId;
        this.user = requireNonNull(user, "user is null");
    }

    public long connectionId() {
        return connectionId;
    }

    public String user() {
        return user;
    }

    public Target target() {
        return target;
    }

    public void setTarget(Target target) {
        this.target = requireNonNull(target, "target is null");
    }

    /** The keyspace selected with USE, if any. */
    public Optional<String> keyspace() {
        return target.keyspace().isEmpty() ? Optional.empty() : Optional.of(target.keyspace());
    }

    public TabletType tabletType() {
        return target.tabletType() == TabletType.UNKNOWN ? TabletType.PRIMARY : target.tabletType();
    }

    public boolean autocommit() {
        return autocommit;
    }

    public void setAutocommit(boolean autocommit) {
        this.autocommit = autocommit;
    }

    public boolean inTransaction() {
        return inTransaction;
    }

    public void setInTransaction(boolean inTransaction) {
        this.inTransaction = inTransaction;
    }

    public TransactionMode transactionMode() {
        return transactionMode;
    }

    public void setTransactionMode(TransactionMode transactionMode) {
        this.transactionMode = requireNonNull(transactionMode, "transactionMode is null");
    }

    // Shard sessions are touched by the parallel shard queries of one statement, hence the locking.

    public synchronized Optional<ShardSession> shardSession(String key) {
        return Optional.ofNullable(shardSessions.get(key));
    }

    public synchronized void addShardSession(String key, ShardSession shardSession) {
        shardSessions.put(key, shardSession);
    }

    public synchronized void removeShardSession(String key) {
        shardSessions.remove(key);
    }

    /** Whether the session holds a transaction open on some tablet. */
    public synchronized boolean hasShardSessions() {
        return !shardSessions.isEmpty();
    }

    /** The keys of the shards this session's transaction has touched, in order. */
    public synchronized List<String> shardSessionKeys() {
        return List.copyOf(shardSessions.keySet());
    }

    /** Ends the transaction state and returns the tablet transactions that must be finished. */
    public synchronized List<ShardSession> endTransaction() {
        List<ShardSession> open = new ArrayList<>(shardSessions.values());
        shardSessions.clear();
        inTransaction = false;
        return open;
    }

    /** Starts tracking the shard calls of one execution of a statement. */
    StatementAttempt startAttempt() {
        StatementAttempt started = new StatementAttempt();
        attempt = started;
        return started;
    }

    /** The execution whose shard calls are being tracked. */
    StatementAttempt attempt() {
        return attempt;
    }

    public long lastInsertId() {
        return lastInsertId;
    }

    public void setLastInsertId(long lastInsertId) {
        this.lastInsertId = lastInsertId;
    }

    public Map<String, String> userVariables() {
        return userVariables;
    }

    public Map<String, String> systemVariables() {
        return systemVariables;
    }
}
