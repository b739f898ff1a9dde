package io.jvitess.mysql.packet;

import io.jvitess.proto.query.Row;

/** Checks shared by the text and binary row encoders. */
final class Rows {

    private Rows() {
    }

    /**
     * Rejects a row whose lengths do not match the column count or its values, so that encoders can
     * throw before writing anything and leave the stream at a packet boundary.
     *
     * @throws IllegalArgumentException the row does not fit
     */
    static void validate(Row row, int columnCount) {
        if (row.getLengthsCount() != columnCount) {
            throw new IllegalArgumentException("row has " + row.getLengthsCount() + " values for " + columnCount + " columns");
        }
        long total = 0;
        for (int column = 0; column < columnCount; column++) {
            long length = row.getLengths(column);
            if (length < -1) {
                throw new IllegalArgumentException("row value " + column + " has negative length " + length);
            }
            total += Math.max(length, 0);
        }
        if (total != row.getValues().size()) {
            throw new IllegalArgumentException("row lengths add up to " + total + " bytes but values hold " + row.getValues().size());
        }
    }
}
