package io.jvitess.tablet.vreplication;

/** The {@code _vt.vreplication.state} values Vitess uses. */
public enum VReplicationState {
    Init, Stopped, Copying, Running, Error, Lagging;

    /** States in which the engine runs a controller for the stream (Error streams are retried). */
    public boolean runnable() {
        return this != Stopped;
    }

    public static VReplicationState parse(String text) {
        for (VReplicationState state : values()) {
            if (state.name().equalsIgnoreCase(text)) {
                return state;
            }
        }
        return Stopped;
    }
}
