package io.jvitess.gateway.engine;

/**
 * One sort key: the column, the column holding its weight_string() (-1 if none), and the
 * direction. Shown in plans as {@code 0 ASC} or {@code (0|2) DESC}.
 */
public record OrderByParams(int column, int weightStringColumn, boolean descending) {

    public OrderByParams {
        if (column < 0) {
            throw new IllegalArgumentException("column must not be negative: " + column);
        }
    }

    public static OrderByParams ascending(int column) {
        return new OrderByParams(column, -1, false);
    }

    public String describe() {
        String key = weightStringColumn < 0 ? Integer.toString(column) : "(" + column + "|" + weightStringColumn + ")";
        return key + (descending ? " DESC" : " ASC");
    }
}
