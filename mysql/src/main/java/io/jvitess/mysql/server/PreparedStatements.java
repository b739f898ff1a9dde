package io.jvitess.mysql.server;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.mysql.packet.ComStmtSendLongData;
import io.jvitess.mysql.packet.ParameterType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The prepared statements of one connection by the ids handed to its client, with what the
 * protocol keeps between commands: the parameter types of the last execution (a client may send
 * them only once) and long data sent ahead of the next execution.
 */
final class PreparedStatements {

    /** MySQL's default max_prepared_stmt_count; here it bounds one connection. */
    static final int MAX_STATEMENTS = 16382;

    private static final Logger log = LoggerFactory.getLogger(PreparedStatements.class);
    private static final SqlState UNKNOWN_STATEMENT = new SqlState(1243, "HY000");
    private static final SqlState TOO_MANY_STATEMENTS = new SqlState(1461, "42000");
    private static final SqlState WRONG_ARGUMENTS = new SqlState(1210, "HY000");

    private final Map<Long, Statement> statements = new HashMap<>();
    private final int maxLongDataBytes;
    private long lastId;

    /** @param maxLongDataBytes the most long data one statement may collect (max_allowed_packet) */
    PreparedStatements(int maxLongDataBytes) {
        this.maxLongDataBytes = maxLongDataBytes;
    }

    /** One prepared statement and its protocol state between commands. */
    static final class Statement {
        private final long id;
        private final PreparedQuery query;
        private List<ParameterType> boundTypes = List.of();
        private final Map<Integer, ByteString.Output> longData = new LinkedHashMap<>();
        private long longDataBytes;
        private Optional<VtException> longDataError = Optional.empty();

        private Statement(long id, PreparedQuery query) {
            this.id = id;
            this.query = query;
        }

        long id() {
            return id;
        }

        PreparedQuery query() {
            return query;
        }

        List<ParameterType> boundTypes() {
            return boundTypes;
        }

        /** The types an execution sent (or reused); later executions may omit them. */
        void bind(List<ParameterType> types) {
            boundTypes = List.copyOf(types);
        }

        /** Long data per parameter index for the coming execution; throws the error a bad chunk left. */
        Map<Integer, ByteString> longData() {
            if (longDataError.isPresent()) {
                throw longDataError.get();
            }
            Map<Integer, ByteString> values = new HashMap<>();
            longData.forEach((parameter, chunks) -> values.put(parameter, chunks.toByteString()));
            return values;
        }

        /** After each execution and on COM_STMT_RESET, as MySQL does. */
        void clearLongData() {
            longData.clear();
            longDataBytes = 0;
            longDataError = Optional.empty();
        }
    }

    /** Registers a new statement under the next id. */
    Statement add(PreparedQuery query) {
        requireNonNull(query, "query is null");
        if (statements.size() >= MAX_STATEMENTS) {
            throw VtException.of(VtCode.RESOURCE_EXHAUSTED, TOO_MANY_STATEMENTS,
                    "Can't create more than max_prepared_stmt_count statements (current value: %d)", MAX_STATEMENTS);
        }
        // Ids are unsigned 32-bit on the wire; skip 0 and any id still in use after wrapping around.
        do {
            lastId = lastId == 0xFFFFFFFFL ? 1 : lastId + 1;
        } while (statements.containsKey(lastId));
        Statement statement = new Statement(lastId, query);
        statements.put(lastId, statement);
        return statement;
    }

    /**
     * The statement with this id, or the ERR 1243 MySQL gives for an unknown one.
     *
     * @param command how MySQL names the command in that message, e.g. {@code mysqld_stmt_execute}
     */
    Statement require(long id, String command) {
        Statement statement = statements.get(id);
        if (statement == null) {
            throw VtException.of(VtCode.NOT_FOUND, UNKNOWN_STATEMENT, "Unknown prepared statement handler (%d) given to %s", id, command);
        }
        return statement;
    }

    /**
     * Appends a chunk of long data. The command has no reply, so problems (a bad parameter index,
     * too much data) are kept and reported by the next execution; unknown statements are ignored.
     */
    void appendLongData(ComStmtSendLongData chunk) {
        Statement statement = statements.get(chunk.statementId());
        if (statement == null) {
            log.debug("long data for unknown statement {} ignored", chunk.statementId());
            return;
        }
        if (statement.longDataError.isPresent()) {
            return;
        }
        if (chunk.parameterId() >= statement.query.parameterCount()) {
            statement.longDataError = Optional.of(VtException.of(VtCode.INVALID_ARGUMENT, WRONG_ARGUMENTS,
                    "Incorrect arguments to mysqld_stmt_send_long_data: parameter %d of %d", chunk.parameterId(),
                    statement.query.parameterCount()));
            return;
        }
        statement.longDataBytes += chunk.data().size();
        if (statement.longDataBytes > maxLongDataBytes) {
            statement.longDataError = Optional.of(VtException.of(VtCode.RESOURCE_EXHAUSTED, SqlState.NET_PACKET_TOO_LARGE,
                    "Parameter of prepared statement which is set through mysql_send_long_data() is longer than 'max_allowed_packet' bytes"));
            statement.longData.clear();
            return;
        }
        ByteString.Output chunks = statement.longData.computeIfAbsent(chunk.parameterId(), parameter -> ByteString.newOutput());
        byte[] bytes = chunk.data().toByteArray();
        chunks.write(bytes, 0, bytes.length);
    }

    /** COM_STMT_CLOSE: unknown ids are ignored, as the command has no reply. */
    void close(long id) {
        Statement statement = statements.remove(id);
        if (statement != null) {
            closeQuietly(statement);
        }
    }

    /** COM_RESET_CONNECTION and the end of the connection. */
    void closeAll() {
        List<Statement> all = new ArrayList<>(statements.values());
        statements.clear();
        all.forEach(PreparedStatements::closeQuietly);
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.query.close();
        } catch (RuntimeException e) {
            log.warn("closing prepared statement {} failed", statement.id, e);
        }
    }
}
