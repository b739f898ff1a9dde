package io.jvitess.gateway.engine;

/**
 * Aggregations vtgate finishes: over raw rows (count_star, count, sum, min, max, count_distinct,
 * sum_distinct, any_value) or over per-shard partial results (sum_count_star, sum_count, and
 * sum/min/max which combine the same way).
 */
public enum AggregateOpcode {
    COUNT_STAR("count_star"),
    COUNT("count"),
    SUM_COUNT_STAR("sum_count_star"),
    SUM_COUNT("sum_count"),
    SUM("sum"),
    MIN("min"),
    MAX("max"),
    COUNT_DISTINCT("count_distinct"),
    SUM_DISTINCT("sum_distinct"),
    ANY_VALUE("any_value");

    private final String displayName;

    AggregateOpcode(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The value an empty input gives (scalar aggregation): 0 for counts, NULL otherwise. */
    public boolean countsRows() {
        return switch (this) {
            case COUNT_STAR, COUNT, SUM_COUNT_STAR, SUM_COUNT, COUNT_DISTINCT -> true;
            case SUM, MIN, MAX, SUM_DISTINCT, ANY_VALUE -> false;
        };
    }
}
