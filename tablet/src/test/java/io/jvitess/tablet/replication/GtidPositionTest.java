package io.jvitess.tablet.replication;

import io.jvitess.common.errors.VtException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtidPositionTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "MariaDB/0-100-12; MariaDB/0-100-12",
            "MariaDB/1-101-3,0-100-12; MariaDB/0-100-12,1-101-3",
            "MySQL56/3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:7; MySQL56/3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7",
            "MySQL56/3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3:4-5; MySQL56/3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5",
            "'' ; ''"})
    void formatsCanonically(String text, String expected) {
        assertThat(GtidPosition.parse(text).format()).isEqualTo(expected);
        assertThat(GtidPosition.parse(expected)).isEqualTo(GtidPosition.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "MariaDB/0-100-12; MariaDB/0-100-12; true",
            "MariaDB/0-100-12; MariaDB/0-100-11; true",
            "MariaDB/0-100-11; MariaDB/0-100-12; false",
            "MariaDB/0-100-12,1-5-1; MariaDB/1-5-1; true",
            "MariaDB/0-100-12; MariaDB/0-100-1,1-5-1; false",
            "MariaDB/0-100-12; ''; true",
            "''; MariaDB/0-100-1; false",
            "MySQL56/a:1-10; MySQL56/a:3-4; true",
            "MySQL56/a:1-10; MySQL56/a:3-11; false",
            "MySQL56/a:1-3:5-10; MySQL56/a:4; false",
            "MySQL56/a:1-3,b:1; MySQL56/b:1,a:2; true",
            "MySQL56/a:1-3; MySQL56/b:1; false"})
    void comparesPositions(String position, String other, boolean atLeast) {
        assertThat(GtidPosition.parse(position).atLeast(GtidPosition.parse(other))).isEqualTo(atLeast);
    }

    @Test
    void advancesByOneTransaction() {
        GtidPosition.MariaDb mariaDb = GtidPosition.MariaDb.parseSet("0-1-5");
        assertThat(mariaDb.with(0, 2, 6).format()).isEqualTo("MariaDB/0-2-6");
        assertThat(mariaDb.with(1, 2, 1).format()).isEqualTo("MariaDB/0-1-5,1-2-1");
        GtidPosition.MySql56 mySql = GtidPosition.MySql56.parseSet("a:1-5");
        assertThat(mySql.with("a", 6).format()).isEqualTo("MySQL56/a:1-6");
        assertThat(mySql.with("a", 8).gtidSet()).isEqualTo("a:1-5:8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo/1-2-3", "MariaDB/0-1", "MariaDB/x-1-2", "MariaDB/0-1-2,0-1-3", "MySQL56/a", "MySQL56/a:5-3", "0-1-2"})
    void rejectsMalformedPositions(String text) {
        assertThatThrownBy(() -> GtidPosition.parse(text)).isInstanceOf(VtException.class);
    }
}
