package io.jvitess.tablet.vdiff;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.tablet.vstreamer.RowChunk;
import io.jvitess.tablet.vstreamer.RowStreamer;
import io.jvitess.tablet.vstreamer.TablePlan;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The rows of one table in primary key order, read from a snapshot chunk by chunk (never the whole
 * table) and filtered by the stream's plan exactly as the copy phase filters them.
 */
final class RowCursor {

    private final RowStreamer snapshot;
    private final TablePlan plan;
    private final List<String> primaryKey;
    private final int chunkRows;
    private Optional<List<SqlValue>> after;
    private List<String> columns = List.of();
    private int[] keyIndexes = new int[0];
    private Iterator<List<SqlValue>> rows = Collections.emptyIterator();
    private boolean finished;
    private List<SqlValue> head;

    RowCursor(RowStreamer snapshot, TablePlan plan, List<String> primaryKey, Optional<List<SqlValue>> after, int chunkRows) {
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        this.plan = requireNonNull(plan, "plan is null");
        this.primaryKey = List.copyOf(primaryKey);
        this.after = requireNonNull(after, "after is null");
        this.chunkRows = chunkRows;
    }

    /** The current row, or null when the table has no more rows. */
    List<SqlValue> head() {
        while (head == null) {
            if (rows.hasNext()) {
                head = rows.next();
            } else if (finished) {
                return null;
            } else {
                load();
            }
        }
        return head;
    }

    void advance() {
        head = null;
    }

    /** The column names of the rows; known once {@link #head()} has read a chunk. */
    List<String> columns() {
        return columns;
    }

    List<SqlValue> key(List<SqlValue> row) {
        SqlValue[] key = new SqlValue[keyIndexes.length];
        for (int index = 0; index < keyIndexes.length; index++) {
            key[index] = row.get(keyIndexes[index]);
        }
        return List.of(key);
    }

    private void load() {
        RowChunk chunk = snapshot.next(plan, primaryKey, after, chunkRows);
        if (columns.isEmpty()) {
            columns = chunk.columns();
            keyIndexes = primaryKey.stream().mapToInt(columns::indexOf).toArray();
            for (int index = 0; index < keyIndexes.length; index++) {
                if (keyIndexes[index] < 0) {
                    throw VtException.of(VtCode.FAILED_PRECONDITION, "primary key column %s of table %s is missing",
                            primaryKey.get(index), plan.table());
                }
            }
        }
        rows = chunk.rows().iterator();
        after = chunk.lastPk();
        finished = chunk.finished();
    }
}
