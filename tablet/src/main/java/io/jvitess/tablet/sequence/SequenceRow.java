package io.jvitess.tablet.sequence;

/** The row {@code id = 0} of a sequence table: the first value not yet handed to any tablet, and the block size. */
record SequenceRow(long nextId, long cache) {
}
