package io.jvitess.tablet.vdiff;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.jvitess.tablet.vreplication.VReplicationState;

import java.util.ArrayList;
import java.util.List;

/**
 * The state and message each workflow stream had before a vdiff stopped it, stored in
 * {@code _vt.vdiff.stream_states} as {@code [{"id":1,"state":"Running","message":""}]} so the streams
 * are put back even if the tablet dies while holding them.
 */
final class HeldStreams {

    /** How to put one stream back: streams that were Stopped stay Stopped with their message, others run. */
    record Held(int id, VReplicationState state, String message) {
        String restoreSql() {
            boolean stopped = state == VReplicationState.Stopped;
            return "UPDATE _vt.vreplication SET state = '" + (stopped ? "Stopped" : "Running") + "', stop_pos = '', message = "
                    + StreamSynchronizer.hex(stopped ? message : "") + " WHERE id = " + id;
        }
    }

    private HeldStreams() {
    }

    static List<Held> of(List<WorkflowStream> streams) {
        return streams.stream().map(stream -> new Held(stream.id(), stream.state(), stream.message())).toList();
    }

    static String encode(List<Held> streams) {
        ListValue.Builder list = ListValue.newBuilder();
        for (Held stream : streams) {
            list.addValues(Value.newBuilder().setStructValue(Struct.newBuilder()
                    .putFields("id", Value.newBuilder().setNumberValue(stream.id()).build())
                    .putFields("state", Value.newBuilder().setStringValue(stream.state().name()).build())
                    .putFields("message", Value.newBuilder().setStringValue(stream.message()).build())));
        }
        return VDiffStore.json(list.build());
    }

    static List<Held> decode(String json) {
        ListValue.Builder list = ListValue.newBuilder();
        VDiffStore.parse(json, list);
        List<Held> held = new ArrayList<>();
        for (Value value : list.getValuesList()) {
            Struct fields = value.getStructValue();
            held.add(new Held((int) fields.getFieldsOrThrow("id").getNumberValue(),
                    VReplicationState.parse(fields.getFieldsOrThrow("state").getStringValue()),
                    fields.getFieldsOrDefault("message", Value.getDefaultInstance()).getStringValue()));
        }
        return held;
    }
}
