package io.jvitess.gateway.engine;

/** A grouping key: its column and the column with its weight_string() (-1 if none). */
public record GroupByParams(int column, int weightStringColumn) {

    public OrderByParams asOrder() {
        return new OrderByParams(column, weightStringColumn, false);
    }

    public String describe() {
        return weightStringColumn < 0 ? Integer.toString(column) : "(" + column + "|" + weightStringColumn + ")";
    }
}
