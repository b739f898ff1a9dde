package io.jvitess.ctld.workflow;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.prototext.BinlogSourceText;
import io.jvitess.common.sqltypes.QueryRows;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.proto.binlogdata.BinlogSource;
import io.jvitess.proto.query.QueryResult;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** Reads and edits the {@code _vt.vreplication} rows of a workflow on its target primaries, through VReplicationExec. */
final class Streams {

    private static final String COLUMNS = "id, workflow, source, pos, stop_pos, state, message, rows_copied, time_updated, "
            + "transaction_timestamp, workflow_type, workflow_sub_type, defer_secondary_keys";
    private static final String UNTHROTTLED = "9223372036854775807";

    private final TabletManagerClient tablets;
    private final Clock clock;

    Streams(TabletManagerClient tablets, Clock clock) {
        this.tablets = requireNonNull(tablets, "tablets is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The streams of {@code workflow} on each shard, in shard order then id order; shards without any are omitted. */
    List<StreamRow> read(List<ShardPrimary> shards, String workflow) {
        List<StreamRow> result = new ArrayList<>();
        for (ShardPrimary shard : shards) {
            result.addAll(read(shard, "workflow = " + quote(workflow)));
        }
        return result;
    }

    /** Every workflow's streams on the shards, by workflow name. */
    Map<String, List<StreamRow>> readAll(List<ShardPrimary> shards) {
        Map<String, List<StreamRow>> result = new TreeMap<>();
        for (ShardPrimary shard : shards) {
            for (StreamRow stream : read(shard, "true")) {
                result.computeIfAbsent(stream.workflow(), ignored -> new ArrayList<>()).add(stream);
            }
        }
        return result;
    }

    private List<StreamRow> read(ShardPrimary shard, String condition) {
        QueryResult result = tablets.vreplicationExec(shard.primary(), "select " + COLUMNS + " from _vt.vreplication where db_name = "
                + quote(shard.databaseName()) + " and " + condition + " order by id");
        List<StreamRow> streams = new ArrayList<>();
        for (List<SqlValue> row : QueryRows.of(result)) {
            streams.add(new StreamRow(shard, (int) row.get(0).toLong(), row.get(1).text(), BinlogSourceText.parse(row.get(2).text()),
                    text(row.get(3)), text(row.get(4)), row.get(5).text(), text(row.get(6)), row.get(7).toLong(), row.get(8).toLong(),
                    row.get(9).toLong(), (int) row.get(10).toLong(), (int) row.get(11).toLong(), row.get(12).toLong() != 0));
        }
        return streams;
    }

    /** Inserts a stream on the target primary and returns its id. */
    int create(ShardPrimary target, String workflow, BinlogSource source, String position, String state, int workflowType,
               int workflowSubType, boolean deferSecondaryKeys) {
        String sql = "insert into _vt.vreplication (workflow, source, pos, max_tps, max_replication_lag, cell, tablet_types, time_updated, "
                + "transaction_timestamp, state, message, db_name, workflow_type, workflow_sub_type, defer_secondary_keys, options) values ("
                + quote(workflow) + ", " + quote(BinlogSourceText.format(source)) + ", " + quote(position) + ", " + UNTHROTTLED + ", "
                + UNTHROTTLED + ", '', '', " + clock.instant().getEpochSecond() + ", 0, " + quote(state) + ", '', "
                + quote(target.databaseName()) + ", " + workflowType + ", " + workflowSubType + ", " + (deferSecondaryKeys ? 1 : 0) + ", '{}')";
        return (int) tablets.vreplicationExec(target.primary(), sql).getInsertId();
    }

    void setState(StreamRow stream, String state, String message) {
        tablets.vreplicationExec(stream.target().primary(), "update _vt.vreplication set state = " + quote(state) + ", message = "
                + quote(message) + " where id = " + stream.id());
    }

    /** Starts every stream of the workflow on the shard that is not frozen. */
    void start(ShardPrimary shard, String workflow) {
        tablets.vreplicationExec(shard.primary(), "update _vt.vreplication set state = 'Running', message = '', stop_pos = null where db_name = "
                + quote(shard.databaseName()) + " and workflow = " + quote(workflow) + " and (message is null or message != " + quote(StreamRow.FROZEN) + ")");
    }

    void stop(ShardPrimary shard, String workflow, String message) {
        tablets.vreplicationExec(shard.primary(), "update _vt.vreplication set state = 'Stopped', message = " + quote(message)
                + " where db_name = " + quote(shard.databaseName()) + " and workflow = " + quote(workflow));
    }

    int delete(ShardPrimary shard, String workflow) {
        QueryResult result = tablets.vreplicationExec(shard.primary(), "delete from _vt.vreplication where db_name = "
                + quote(shard.databaseName()) + " and workflow = " + quote(workflow));
        return (int) result.getRowsAffected();
    }

    /** Fails unless every stream is running (not copying, erroring or frozen): the precondition of a traffic switch. */
    static void requireRunning(List<StreamRow> streams, String workflow) {
        if (streams.isEmpty()) {
            throw VtException.of(VtCode.NOT_FOUND, "no streams found for workflow %s", workflow);
        }
        for (StreamRow stream : streams) {
            if (stream.frozen()) {
                throw VtException.of(VtCode.FAILED_PRECONDITION, "cannot switch traffic for workflow %s: it is frozen (traffic was already switched)",
                        workflow);
            }
            if (!stream.state().equals("Running")) {
                throw VtException.of(VtCode.FAILED_PRECONDITION,
                        "cannot switch traffic for workflow %s at this time: replication stream %d on %s/%s is in state %s, not Running%s",
                        workflow, stream.id(), stream.target().keyspace(), stream.target().shard(), stream.state(),
                        stream.message().isEmpty() ? "" : " (" + stream.message() + ")");
            }
        }
    }

    private static String text(SqlValue value) {
        return value.isNull() ? "" : value.text();
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
        for (char character : value.toCharArray()) {
            switch (character) {
                case '\'' -> quoted.append("\\'");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\0' -> quoted.append("\\0");
                default -> quoted.append(character);
            }
        }
        return quoted.append('\'').toString();
    }
}
