package io.jvitess.tablet.vdiff;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.tabletmanagerdata.VDiffRequest;
import io.jvitess.proto.tabletmanagerdata.VDiffResponse;

/** Runs VDiffs of the workflows whose streams write to this tablet (a target primary). */
public final class VDiffEngine implements AutoCloseable {

    public VDiffResponse handle(VDiffRequest request) {
        throw VtException.of(VtCode.UNIMPLEMENTED, "VDiff is not implemented yet");
    }

    @Override
    public void close() {
    }
}
