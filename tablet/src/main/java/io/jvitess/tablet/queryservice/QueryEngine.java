package io.jvitess.tablet.queryservice;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.tablet.mysql.MysqlConnector;
import io.jvitess.tablet.mysql.MysqlErrors;
import io.jvitess.tablet.mysql.ResultConverter;
import io.jvitess.tablet.sequence.NextValuesParser;
import io.jvitess.tablet.sequence.NextValuesRequest;
import io.jvitess.tablet.sequence.SequenceEngine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Runs application SQL on the tablet's mysqld: autocommit statements on pooled connections,
 * transactional ones on the connection their transaction holds. Sequence reservations
 * ({@code select next N values from seq}) go to the {@link SequenceEngine} instead.
 */
public final class QueryEngine implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QueryEngine.class);

    private static final int STREAM_CHUNK_ROWS = 1000;

    private final MysqlConnector mysql;
    private final TransactionPool transactions;
    private final SequenceEngine sequences;
    private final int maxResultRows;

    public QueryEngine(MysqlConnector mysql, SequenceEngine sequences, Duration transactionTimeout, int maxResultRows, Clock clock) {
        this.mysql = requireNonNull(mysql, "mysql is null");
        this.sequences = requireNonNull(sequences, "sequences is null");
        this.transactions = new TransactionPool(transactionTimeout, clock);
        this.maxResultRows = maxResultRows;
    }

    /** Bind variables are only read by sequence statements ({@code select next :n values}); other SQL arrives complete. */
    public QueryResult execute(String sql, Map<String, BindVariable> bindVariables, long transactionId, String callerId) {
        Optional<NextValuesRequest> next = NextValuesParser.parse(sql, bindVariables);
        if (next.isPresent()) {
            return sequences.next(next.get(), transactionId, callerId);
        }
        if (transactionId != 0) {
            return run(transactions.get(transactionId), sql, callerId);
        }
        Connection connection = mysql.app();
        try {
            return run(connection, sql, callerId);
        } finally {
            MysqlConnector.closeQuietly(connection);
        }
    }

    /** Streams rows in chunks; the first chunk carries the fields. */
    public void streamExecute(String sql, Map<String, BindVariable> bindVariables, long transactionId, String callerId,
                              Consumer<QueryResult> chunks) {
        Optional<NextValuesRequest> next = NextValuesParser.parse(sql, bindVariables);
        if (next.isPresent()) {
            chunks.accept(sequences.next(next.get(), transactionId, callerId));
            return;
        }
        Connection connection = transactionId != 0 ? transactions.get(transactionId) : mysql.app();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(STREAM_CHUNK_ROWS);
            if (!statement.execute(sql)) {
                chunks.accept(updateResult(statement));
                return;
            }
            try (ResultSet resultSet = statement.getResultSet()) {
                List<Field> fields = ResultConverter.fields(resultSet.getMetaData());
                chunks.accept(QueryResult.newBuilder().addAllFields(fields).build());
                while (true) {
                    List<Row> rows = ResultConverter.rows(resultSet, fields, STREAM_CHUNK_ROWS);
                    if (rows.isEmpty()) {
                        break;
                    }
                    chunks.accept(QueryResult.newBuilder().addAllRows(rows).build());
                }
            }
        } catch (SQLException e) {
            throw MysqlErrors.fromSql(e, sql, callerId);
        } finally {
            if (transactionId == 0) {
                MysqlConnector.closeQuietly(connection);
            }
        }
    }

    public long begin() {
        Connection connection = mysql.app();
        try {
            connection.setAutoCommit(false);
            return transactions.begin(connection);
        } catch (SQLException e) {
            MysqlConnector.closeQuietly(connection);
            throw MysqlErrors.fromSql(e, "begin", "");
        }
    }

    public void commit(long transactionId) {
        Connection connection = transactions.remove(transactionId);
        try {
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            TransactionPool.rollbackAndRelease(connection);
            throw MysqlErrors.fromSql(e, "commit", "");
        }
        MysqlConnector.closeQuietly(connection);
    }

    public void rollback(long transactionId) {
        TransactionPool.rollbackAndRelease(transactions.remove(transactionId));
    }

    /** Rolls back every open transaction (the tablet stopped admitting what they may have written). */
    public void rollbackOpenTransactions() {
        int open = transactions.size();
        if (open > 0) {
            log.info("rolling back {} open transaction(s) after a tablet control change", open);
            transactions.rollbackAll();
        }
    }

    public int openTransactions() {
        return transactions.size();
    }

    public void killExpiredTransactions() {
        transactions.killExpired();
    }

    private QueryResult run(Connection connection, String sql, String callerId) {
        try (Statement statement = connection.createStatement()) {
            if (!statement.execute(sql, Statement.RETURN_GENERATED_KEYS)) {
                return updateResult(statement);
            }
            try (ResultSet resultSet = statement.getResultSet()) {
                List<Field> fields = ResultConverter.fields(resultSet.getMetaData());
                List<Row> rows = ResultConverter.rows(resultSet, fields, maxResultRows + 1);
                if (rows.size() > maxResultRows) {
                    throw VtException.of(VtCode.ABORTED, "Row count exceeded %d", maxResultRows);
                }
                return QueryResult.newBuilder().addAllFields(fields).addAllRows(rows).build();
            }
        } catch (SQLException e) {
            throw MysqlErrors.fromSql(e, sql, callerId);
        }
    }

    private static QueryResult updateResult(Statement statement) throws SQLException {
        QueryResult.Builder result = QueryResult.newBuilder().setRowsAffected(Math.max(0, statement.getUpdateCount()));
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (keys != null && keys.next()) {
                result.setInsertId(keys.getLong(1));
            }
        } catch (SQLException e) {
            // statements without generated keys (DDL, SET) have none to report
        }
        return result.build();
    }

    @Override
    public void close() {
        transactions.rollbackAll();
    }
}
