package io.jvitess.gateway.planner;

import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

/** Vitess's error for SQL the planner cannot run correctly across shards: {@code VT12001: unsupported: ...} (1235/42000). */
final class Unsupported {

    private Unsupported() {
    }

    static VtException of(String format, Object... arguments) {
        String what = arguments.length == 0 ? format : String.format(format, arguments);
        return VtException.of(VtCode.UNIMPLEMENTED, SqlState.NOT_SUPPORTED_YET, "VT12001: unsupported: %s", what);
    }
}
