package io.jvitess.gateway.engine;

/**
 * One sort key: the column, the column holding its weight_string() (-1 if none), and the
 * direction. Shown in plans as {@code 0 ASC} or {@code (0|2) DESC}. When the sort columns follow
 * a {@code *} of unknown width, {@code fromEnd} says both count from the end of the row
 * (1 is the last column), shown as {@code (-2|-1) ASC}.
 */
public record OrderByParams(int column, int weightStringColumn, boolean descending, boolean fromEnd) {

    public OrderByParams {
        if (fromEnd ? column < 1 : column < 0) {
            throw new IllegalArgumentException("bad sort column: " + column);
        }
    }

    public OrderByParams(int column, int weightStringColumn, boolean descending) {
        this(column, weightStringColumn, descending, false);
    }

    public static OrderByParams ascending(int column) {
        return new OrderByParams(column, -1, false);
    }

    /** The key's column in a row of {@code width} columns. */
    public int columnIn(int width) {
        return fromEnd ? width - column : column;
    }

    /** The weight string's column in a row of {@code width} columns, or -1. */
    public int weightStringColumnIn(int width) {
        if (weightStringColumn < 0) {
            return -1;
        }
        return fromEnd ? width - weightStringColumn : weightStringColumn;
    }

    public String describe() {
        String sign = fromEnd ? "-" : "";
        String key = weightStringColumn < 0 ? sign + column : "(" + sign + column + "|" + sign + weightStringColumn + ")";
        return key + (descending ? " DESC" : " ASC");
    }
}
