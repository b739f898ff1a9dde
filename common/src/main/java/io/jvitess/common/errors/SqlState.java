package io.jvitess.common.errors;

/**
 * A MySQL error number with its SQLSTATE, as the client sees them in an ERR packet.
 * The named constants are the ones jvitess raises itself; tablets pass MySQL's own through.
 */
public record SqlState(int errno, String sqlState) {

    public static final SqlState UNKNOWN_ERROR = new SqlState(1105, "HY000");
    public static final SqlState BAD_DB = new SqlState(1049, "42000");
    public static final SqlState NO_DB = new SqlState(1046, "3D000");
    public static final SqlState NO_SUCH_TABLE = new SqlState(1146, "42S02");
    public static final SqlState SYNTAX_ERROR = new SqlState(1064, "42000");
    public static final SqlState ACCESS_DENIED = new SqlState(1045, "28000");
    public static final SqlState QUERY_INTERRUPTED = new SqlState(1317, "70100");
    public static final SqlState NOT_SUPPORTED_YET = new SqlState(1235, "42000");
    public static final SqlState INTERNAL = new SqlState(1815, "HY000");
    public static final SqlState NET_PACKET_TOO_LARGE = new SqlState(1153, "08S01");
    public static final SqlState UNKNOWN_COMMAND = new SqlState(1047, "08S01");
    public static final SqlState LOCK_OR_ACTIVE_TRANSACTION = new SqlState(1192, "HY000");
    public static final SqlState WRONG_VALUE_COUNT_ON_ROW = new SqlState(1136, "21S01");
    public static final SqlState UNKNOWN_SYSTEM_VARIABLE = new SqlState(1193, "HY000");
    public static final SqlState OPTION_PREVENTS_STATEMENT = new SqlState(1290, "HY000");

    public SqlState {
        if (sqlState == null || sqlState.length() != 5) {
            throw new IllegalArgumentException("sqlState must have 5 characters: " + sqlState);
        }
    }

    /** The default errno/SQLSTATE for an error that carries only a code (Vitess's mapping). */
    public static SqlState forCode(VtCode code) {
        return switch (code) {
            case CANCELED, DEADLINE_EXCEEDED, ABORTED -> QUERY_INTERRUPTED;
            case PERMISSION_DENIED, UNAUTHENTICATED -> ACCESS_DENIED;
            case RESOURCE_EXHAUSTED -> new SqlState(1203, "42000");
            case UNIMPLEMENTED -> NOT_SUPPORTED_YET;
            case INTERNAL -> INTERNAL;
            case OK, UNKNOWN, INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, OUT_OF_RANGE,
                 UNAVAILABLE, DATA_LOSS, CLUSTER_EVENT, READ_ONLY -> UNKNOWN_ERROR;
        };
    }
}
