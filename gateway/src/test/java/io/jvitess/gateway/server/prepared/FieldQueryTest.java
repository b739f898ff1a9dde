package io.jvitess.gateway.server.prepared;

import io.jvitess.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FieldQueryTest {

    @Test
    void selectsAreAskedForTheirColumnsWithoutRows() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("select c from sbtest1 where id = 0", "select c from sbtest1 where 1 != 1");
        cases.put("select id, k from sbtest1 where id between 0 and 0 order by c limit 10 for update",
                "select id, k from sbtest1 where 1 != 1");
        cases.put("select k, count(*) from t group by k having count(*) > 0", "select k, count(*) from t where 1 != 1 group by k");
        cases.put("select a from t union select b from u order by 1 limit 1", "select a from t where 1 != 1 union select b from u where 1 != 1");
        cases.put("select * from t join u on t.id = u.id where t.x = 0 lock in share mode",
                "select * from t join u on t.id = u.id where 1 != 1");
        cases.forEach((sql, fieldQuery) -> assertThat(FieldQuery.of(SqlParser.parse(sql)).map(FieldQueryTest::oneLine)).as(sql)
                .contains(fieldQuery));
    }

    @Test
    void statementsThatReadNoTableOrHaveEffectsGetNone() {
        for (String sql : new String[] {"select 0", "select 0 from dual", "select get_lock('a', 0)", "select a into @x from t",
                "select 1 union select a from t", "insert into t values (0)", "update t set a = 0", "begin"}) {
            assertThat(FieldQuery.of(SqlParser.parse(sql))).as(sql).isEqualTo(Optional.empty());
        }
    }

    private static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ").trim();
    }
}
