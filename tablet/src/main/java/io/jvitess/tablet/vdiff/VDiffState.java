package io.jvitess.tablet.vdiff;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

import java.util.Locale;

/** The states of a vdiff and of each of its tables, stored lower-case as Vitess does. */
enum VDiffState {
    PENDING, STARTED, STOPPED, COMPLETED, ERROR;

    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static VDiffState parse(String text) {
        for (VDiffState state : values()) {
            if (state.text().equalsIgnoreCase(text)) {
                return state;
            }
        }
        throw VtException.of(VtCode.INTERNAL, "unknown vdiff state %s", text);
    }
}
