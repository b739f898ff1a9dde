package io.jvitess.tablet.vreplication;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.tablet.vstreamer.RowChange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which part of a binlog change the fast-forward applies while table {@code t} is copied up to id 10. */
class CopiedPartTest {

    private static final Map<String, Optional<LastPk>> STATE = Map.of(
            "t", Optional.of(new LastPk(List.of("id"), List.of(SqlValue.ofLong(10)))),
            "later", Optional.empty());

    private static Optional<List<SqlValue>> row(String id) {
        return id.isEmpty() ? Optional.empty() : Optional.of(List.of(SqlValue.ofLong(Long.parseLong(id)), SqlValue.ofString("v")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "t; ''; 5; INSERT",
            "t; ''; 10; INSERT",
            "t; ''; 11; NONE",
            "t; 5; 6; UPDATE",
            "t; 5; 20; DELETE",
            "t; 20; 5; INSERT",
            "t; 20; 21; NONE",
            "t; 7; ''; DELETE",
            "t; 70; ''; NONE",
            "later; ''; 1; NONE",
            "done; 1; 2; UPDATE"})
    void appliesOnlyToCopiedRows(String table, String before, String after, String expected) {
        RowChange change = new RowChange(table, List.of("id", "v"), row(before), row(after));
        Optional<RowChange> applied = StreamController.copiedPart(change, STATE);
        assertThat(applied.map(part -> part.kind().name()).orElse("NONE")).isEqualTo(expected);
    }
}
