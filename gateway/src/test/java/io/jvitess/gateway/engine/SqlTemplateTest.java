package io.jvitess.gateway.engine;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.BoundValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlTemplateTest {

    private static final BindVariables VALUES = BindVariables.empty()
            .with("id", BoundValue.of(SqlValue.ofLong(5)))
            .with("name", BoundValue.of(SqlValue.ofString("O'Brien\\")))
            .with("list", BoundValue.ofList(List.of(SqlValue.ofLong(1), SqlValue.ofString("x"))))
            .with("empty", BoundValue.ofList(List.of()));

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "select * from t where id = :id; select * from t where id = 5",
            "select * from t where name = :name; select * from t where name = 'O\\'Brien\\\\'",
            "select * from t where id in (::list); select * from t where id in (1, 'x')",
            "select * from t where id in ::list; select * from t where id in (1, 'x')",
            "select * from t where id in (::empty); select * from t where id in (null)",
            "select ':id' from t where a = :id; select ':id' from t where a = 5",
            "select `:id` /* :id */ from t; select `:id` /* :id */ from t",
            "select @a := 1; select @a := 1"})
    void rendersPlaceholdersOutsideQuotesAndComments(String template, String expected) {
        assertThat(SqlTemplate.parse(template).render(VALUES)).isEqualTo(expected);
    }

    @Test
    void aMissingVariableIsAnError() {
        assertThatThrownBy(() -> SqlTemplate.parse("select :nope").render(VALUES)).hasMessageContaining("missing bind var nope");
    }

    @Test
    void binaryValuesArePrintedSafely() {
        BindVariables binary = BindVariables.empty().with("b", BoundValue.of(SqlValue.ofBytes(new byte[] {(byte) 0xff, 0x00, 0x41})));
        assertThat(SqlTemplate.parse("select :b").render(binary)).isEqualTo("select x'ff0041'");
    }
}
