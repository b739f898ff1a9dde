package io.jvitess.gateway.engine;

import io.jvitess.gateway.vschema.ColumnVindex;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A column vindex of the inserted table and where its columns are in each row (-1: not inserted, so NULL). */
public record InsertVindex(ColumnVindex columnVindex, List<Integer> cellIndexes) {

    public InsertVindex {
        requireNonNull(columnVindex, "columnVindex is null");
        cellIndexes = List.copyOf(cellIndexes);
    }
}
