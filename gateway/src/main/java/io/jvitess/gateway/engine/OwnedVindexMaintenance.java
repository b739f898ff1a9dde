package io.jvitess.gateway.engine;

import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.ColumnVindex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What an UPDATE or DELETE must do to the lookup vindexes its table owns: read the affected rows
 * first ({@code selectQuery}: the primary vindex columns, then each owned vindex's columns, at
 * the given offsets), then delete or update their lookup rows. {@code changedValues} holds the
 * new column values of the vindexes an UPDATE changes.
 */
public record OwnedVindexMaintenance(SqlTemplate selectQuery, ColumnVindex primary, List<Integer> primaryOffsets,
                                     Map<ColumnVindex, List<Integer>> ownedOffsets, Map<String, List<EvalExpression>> changedValues) {

    public OwnedVindexMaintenance {
        requireNonNull(selectQuery, "selectQuery is null");
        requireNonNull(primary, "primary is null");
        primaryOffsets = List.copyOf(primaryOffsets);
        ownedOffsets = Collections.unmodifiableMap(new LinkedHashMap<>(ownedOffsets));
        changedValues = Collections.unmodifiableMap(new LinkedHashMap<>(changedValues));
    }
}
