package io.jvitess.vttest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 | 0",
            "2 | -80,80-",
            "3 | -55,55-aa,aa-",
            "4 | -40,40-80,80-c0,c0-",
            "7 | -24,24-49,49-6d,6d-92,92-b6,b6-db,db-",
            "8 | -20,20-40,40-60,60-80,80-a0,a0-c0,c0-e0,e0-",
    })
    void splitsLikeVitess(int count, String names) {
        assertThat(ShardNames.evenSplit(count)).containsExactly(names.split(","));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "16  | -10   | f0-",
            "256 | -01   | ff-",
            "512 | -0080 | ff80-",
    })
    void usesFourHexDigitsBeyond256Shards(int count, String first, String last) {
        List<String> names = ShardNames.evenSplit(count);
        assertThat(names).hasSize(count);
        assertThat(names.getFirst()).isEqualTo(first);
        assertThat(names.getLast()).isEqualTo(last);
    }

    @Test
    void consecutiveShardsShareTheirBoundary() {
        List<String> names = ShardNames.evenSplit(100);
        for (int index = 1; index < names.size(); index++) {
            String previousEnd = names.get(index - 1).split("-", -1)[1];
            String start = names.get(index).split("-", -1)[0];
            assertThat(start).isEqualTo(previousEnd);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65_537})
    void rejectsImpossibleCounts(int count) {
        assertThatThrownBy(() -> ShardNames.evenSplit(count)).isInstanceOf(IllegalArgumentException.class);
    }
}
