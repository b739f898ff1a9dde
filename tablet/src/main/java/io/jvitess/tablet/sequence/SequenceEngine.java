package io.jvitess.tablet.sequence;

import com.google.protobuf.ByteString;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.query.Field;
import io.jvitess.proto.query.QueryResult;
import io.jvitess.proto.query.Row;
import io.jvitess.proto.query.Type;
import io.jvitess.proto.topodata.TabletType;
import io.jvitess.tablet.mysql.MysqlConnector;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Serves {@code select next N values} on a primary tablet (Vitess's tabletserver Nextval plan): each
 * sequence table hands out values from a block this tablet reserved in the table, and reserves the
 * next block in a transaction of its own when the block runs out. Tables are recognised by the
 * {@code vitess_sequence} table comment; a table not known yet is looked up again on every miss.
 */
public final class SequenceEngine {

    private static final int BINARY_CHARSET = 63;
    private static final int NUM_FLAG = 32768;
    private static final int NOT_NULL_FLAG = 1;
    private static final Field NEXTVAL = Field.newBuilder()
            .setName("nextval")
            .setType(Type.INT64)
            .setCharset(BINARY_CHARSET)
            .setColumnLength(20)
            .setFlags(NUM_FLAG | NOT_NULL_FLAG)
            .build();

    private final SequenceTables tables;
    private final Supplier<TabletType> tabletType;
    private final ConcurrentHashMap<String, SequenceState> states = new ConcurrentHashMap<>();

    /** @param tabletType the tablet's current type: only a primary may reserve values */
    public SequenceEngine(MysqlConnector mysql, Supplier<TabletType> tabletType) {
        this.tables = new SequenceTables(requireNonNull(mysql, "mysql is null"));
        this.tabletType = requireNonNull(tabletType, "tabletType is null");
    }

    /** One row, one INT64 column {@code nextval}: the first of the {@code count} values now owned by the caller. */
    public QueryResult next(NextValuesRequest request, long transactionId, String callerId) {
        requireNonNull(request, "request is null");
        if (transactionId != 0) {
            // vtgate runs sequence reservations outside the session's transaction, so a refill commits on its own.
            throw VtException.of(VtCode.INVALID_ARGUMENT,
                    "select next values from %s cannot run inside transaction %d: sequences are reserved outside transactions",
                    request.displayName(), transactionId);
        }
        TabletType type = tabletType.get();
        if (type != TabletType.PRIMARY) {
            throw VtException.of(VtCode.FAILED_PRECONDITION,
                    "select next values from %s needs a PRIMARY tablet: this tablet is %s", request.displayName(), type);
        }
        SequenceState state = stateOf(request, callerId);
        long first = state.reserve(request, advance -> tables.refill(request, advance, callerId));
        return result(first);
    }

    /** Forgets every reserved block (a new primary term starts from the tables' next_id; unused values are lost). */
    public void reset() {
        states.clear();
    }

    private SequenceState stateOf(NextValuesRequest request, String callerId) {
        SequenceState state = states.get(request.table());
        if (state != null) {
            return state;
        }
        if (!tables.isSequence(request.table(), callerId)) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "%s is not a sequence", request.displayName());
        }
        return states.computeIfAbsent(request.table(), table -> new SequenceState());
    }

    private static QueryResult result(long first) {
        byte[] value = Long.toString(first).getBytes(StandardCharsets.US_ASCII);
        return QueryResult.newBuilder()
                .addFields(NEXTVAL)
                .addRows(Row.newBuilder().addLengths(value.length).setValues(ByteString.copyFrom(value)))
                .build();
    }
}
