package io.jvitess.tablet.vstreamer;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeader;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.tablet.replication.GtidPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Streams committed transactions of one source database from a GTID position, keeping only the rows
 * the table rules select. The binlog client runs on its own thread and hands whole transactions over a
 * bounded queue, so a slow applier holds the reader back instead of buffering without limit.
 */
public final class BinlogStreamer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BinlogStreamer.class);
    /** The client logs every (re)connect through java.util.logging at INFO; held strongly so the level sticks. */
    private static final java.util.logging.Logger CLIENT_LOG = java.util.logging.Logger.getLogger("com.github.shyiko.mysql.binlog");

    static {
        CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** A failure of the reader thread, delivered in order with the transactions. */
    private record Failure(Exception cause) {
    }

    private final SourceEndpoint source;
    private final TableRules rules;
    private final BinaryLogClient client;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(256);
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    private final List<RowChange> pending = new ArrayList<>();
    private GtidPosition position;
    private boolean standalone;
    private volatile boolean closed;
    private Thread reader;

    public BinlogStreamer(SourceEndpoint source, TableRules rules, GtidPosition from) {
        this.source = requireNonNull(source, "source is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.position = requireNonNull(from, "from is null");
        this.client = new BinaryLogClient(source.host(), source.port(), source.user(), source.password());
        // Each stream is a distinct replica to the source; ids above the tablets' own range avoid clashes.
        client.setServerId(1_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
        client.setGtidSet(from.gtidSet());
        client.setKeepAlive(false);
        client.setHeartbeatInterval(Duration.ofSeconds(1).toMillis());
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        client.setEventDeserializer(deserializer);
        client.registerEventListener(this::onEvent);
        client.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onCommunicationFailure(BinaryLogClient failed, Exception e) {
                offer(new Failure(e));
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient failed, Exception e) {
                offer(new Failure(e));
            }
        });
    }

    /** Starts reading on a daemon thread. */
    public void start() {
        reader = new Thread(() -> {
            try {
                client.connect();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    offer(new Failure(e));
                }
            }
        }, "binlog-" + source.host() + ":" + source.port());
        reader.setDaemon(true);
        reader.start();
    }

    /** The next transaction, or empty if none arrived within {@code timeout}. */
    public Optional<BinlogTransaction> next(Duration timeout) throws InterruptedException {
        Object item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return switch (item) {
            case null -> Optional.empty();
            case Failure failure -> throw VtException.of(VtCode.UNAVAILABLE, "binlog stream from %s:%d failed: %s",
                    source.host(), source.port(), failure.cause().toString());
            case BinlogTransaction transaction -> Optional.of(transaction);
            default -> throw new IllegalStateException("unexpected queue item " + item);
        };
    }

    private void offer(Object item) {
        try {
            while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // back-pressure: wait for the applier
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onEvent(Event event) {
        EventHeader header = event.getHeader();
        switch (event.getData()) {
            case MariadbGtidEventData gtid -> {
                pending.clear();
                standalone = (gtid.getFlags() & MariadbGtidEventData.FL_STANDALONE) != 0;
                position = ((GtidPosition.MariaDb) position).with(gtid.getDomainId(), gtid.getServerId(), gtid.getSequence());
            }
            case GtidEventData gtid -> {
                pending.clear();
                standalone = true;
                position = ((GtidPosition.MySql56) position).with(gtid.getMySqlGtid().getServerId().toString(),
                        gtid.getMySqlGtid().getTransactionId());
            }
            case TableMapEventData tableMap -> tableMaps.put(tableMap.getTableId(), tableMap);
            case WriteRowsEventData write -> {
                for (Serializable[] row : write.getRows()) {
                    change(write.getTableId(), null, row);
                }
            }
            case UpdateRowsEventData update -> {
                for (Map.Entry<Serializable[], Serializable[]> row : update.getRows()) {
                    change(update.getTableId(), row.getKey(), row.getValue());
                }
            }
            case DeleteRowsEventData delete -> {
                for (Serializable[] row : delete.getRows()) {
                    change(delete.getTableId(), row, null);
                }
            }
            case QueryEventData query -> {
                String sql = query.getSql().trim();
                if (sql.equalsIgnoreCase("BEGIN")) {
                    standalone = false;
                } else if (sql.equalsIgnoreCase("COMMIT")) {
                    commit(header);
                } else {
                    // A statement outside row events is DDL (or another schema change): plan the tables again.
                    rules.forgetPlans();
                    if (standalone) {
                        commit(header);
                    }
                }
            }
            case com.github.shyiko.mysql.binlog.event.XidEventData ignored -> commit(header);
            case null, default -> {
                // rotate, format description, heartbeats and checkpoints carry nothing to apply
            }
        }
    }

    private void commit(EventHeader header) {
        offer(new BinlogTransaction(pending, position, header.getTimestamp() / 1000));
        pending.clear();
        standalone = false;
    }

    private void change(long tableId, Serializable[] before, Serializable[] after) {
        TableMapEventData tableMap = tableMaps.get(tableId);
        if (tableMap == null || !source.database().equals(tableMap.getDatabase())) {
            return;
        }
        Optional<TablePlan> plan = rules.planFor(tableMap.getTable());
        if (plan.isEmpty()) {
            return;
        }
        if (tableMap.getEventMetadata() == null || tableMap.getEventMetadata().getColumnNames() == null) {
            offer(new Failure(new IllegalStateException("no column names in the binlog: the source needs binlog_row_metadata=FULL")));
            return;
        }
        List<String> columns = tableMap.getEventMetadata().getColumnNames();
        Optional<List<SqlValue>> beforeImage = Optional.ofNullable(before).map(row -> values(tableMap, row));
        Optional<List<SqlValue>> afterImage = Optional.ofNullable(after).map(row -> values(tableMap, row));
        boolean keepBefore = beforeImage.map(row -> plan.get().keeps(columns, row)).orElse(false);
        boolean keepAfter = afterImage.map(row -> plan.get().keeps(columns, row)).orElse(false);
        if (keepBefore && keepAfter) {
            pending.add(new RowChange(tableMap.getTable(), columns, beforeImage, afterImage));
        } else if (keepBefore) {
            // the row's key moved out of the range: for this target it is a delete
            pending.add(new RowChange(tableMap.getTable(), columns, beforeImage, Optional.empty()));
        } else if (keepAfter) {
            pending.add(new RowChange(tableMap.getTable(), columns, Optional.empty(), afterImage));
        }
    }

    private static List<SqlValue> values(TableMapEventData tableMap, Serializable[] row) {
        byte[] types = tableMap.getColumnTypes();
        BitSet signedness = tableMap.getEventMetadata().getSignedness();
        List<SqlValue> values = new ArrayList<>(row.length);
        for (int index = 0; index < row.length; index++) {
            ColumnType type = ColumnType.byCode(types[index] & 0xFF);
            // The client maps the signedness bits of numeric columns onto column positions.
            boolean unsigned = type != null && BinlogValues.isNumeric(type) && signedness != null && signedness.get(index);
            values.add(BinlogValues.convert(row[index], type, unsigned));
        }
        return values;
    }

    @Override
    public void close() {
        closed = true;
        try {
            client.disconnect();
        } catch (IOException e) {
            log.warn("closing binlog connection to {}:{}: {}", source.host(), source.port(), e.toString());
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
