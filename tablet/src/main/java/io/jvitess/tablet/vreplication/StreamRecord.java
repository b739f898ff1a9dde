package io.jvitess.tablet.vreplication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The columns of one {@code _vt.vreplication} row that a controller acts on. */
record StreamRecord(int id, String workflow, String source, String position, String stopPosition, VReplicationState state,
                    String message, String databaseName) {

    StreamRecord {
        requireNonNull(source, "source is null");
        requireNonNull(position, "position is null");
        requireNonNull(stopPosition, "stopPosition is null");
        requireNonNull(state, "state is null");
        requireNonNull(databaseName, "databaseName is null");
    }

    static final String COLUMNS = "id, workflow, source, pos, stop_pos, state, message, db_name";

    static StreamRecord read(ResultSet result) throws SQLException {
        return new StreamRecord(result.getInt(1), nonNull(result.getString(2)), nonNull(result.getString(3)),
                nonNull(result.getString(4)), nonNull(result.getString(5)), VReplicationState.parse(result.getString(6)),
                nonNull(result.getString(7)), nonNull(result.getString(8)));
    }

    static Optional<StreamRecord> load(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM _vt.vreplication WHERE id = ?")) {
            statement.setInt(1, id);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(read(result)) : Optional.empty();
            }
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** What, when changed by VReplicationExec, requires the stream's controller to restart. */
    String controlFingerprint() {
        return source + "\u0000" + stopPosition + "\u0000" + state.runnable() + "\u0000" + databaseName;
    }
}
