package io.jvitess.tablet.tabletcontrol;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeniedTablesTest {

    /** An invalid regex is an exact name, so it denies nothing here rather than everything. */
    private final DeniedTables denied = DeniedTables.of(List.of("customer", "/^corder_[0-9]+$/", "/[unclosed/"));

    @Test
    void refusesStatementsThatReferenceADeniedTable() {
        for (String sql : List.of(
                "select * from customer",
                "select * from commerce.Customer where id = 1",
                "insert into product select id from customer",
                "select (select count(*) from customer) from dual",
                "update corder_12 set x = 1",
                "alter table customer add column y int",
                "/*!40000 ALTER TABLE `customer` DISABLE KEYS */",
                "select /*!50000 * from customer */",
                "select next 5 values from customer")) {
            assertThatThrownBy(() -> denied.check(sql)).as(sql)
                    .isInstanceOfSatisfying(VtException.class, error -> {
                        assertThat(error.code()).isEqualTo(VtCode.FAILED_PRECONDITION);
                        assertThat(error.getMessage()).isEqualTo("disallowed due to rule: enforce denied tables");
                    });
        }
    }

    @Test
    void letsOtherStatementsThrough() {
        for (String sql : List.of(
                "select * from product",
                "select 'customer' from dual",
                "with customer as (select 1) select * from customer",
                "update corder_x set y = 1",
                "insert into customers values (1)",
                "begin",
                "set autocommit = 1")) {
            assertThatCode(() -> denied.check(sql)).as(sql).doesNotThrowAnyException();
        }
    }

    @Test
    void noDeniedTablesMeansNoParsing() {
        assertThatCode(() -> DeniedTables.NONE.check("this is not sql")).doesNotThrowAnyException();
    }
}
