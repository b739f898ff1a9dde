package io.jvitess.gateway.engine;

/** How a route picks its shards (Vitess's route variants, named as in plans). */
public enum RouteOpcode {
    UNSHARDED("Unsharded"),
    EQUAL_UNIQUE("EqualUnique"),
    EQUAL("Equal"),
    IN("IN"),
    MULTI_EQUAL("MultiEqual"),
    SCATTER("Scatter"),
    NEXT("Next"),
    DBA("DBA"),
    REFERENCE("Reference"),
    NONE("None"),
    BY_DESTINATION("ByDestination");

    private final String displayName;

    RouteOpcode(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Goes to at most one shard, so the whole query can run there unchanged. */
    public boolean isSingleShard() {
        return switch (this) {
            case UNSHARDED, EQUAL_UNIQUE, NEXT, DBA, REFERENCE -> true;
            case EQUAL, IN, MULTI_EQUAL, SCATTER, NONE, BY_DESTINATION -> false;
        };
    }

    /** Preference when several predicates could route: lower is better. */
    public int rank() {
        return switch (this) {
            case DBA, NEXT -> 0;
            case UNSHARDED -> 1;
            case NONE -> 2;
            case EQUAL_UNIQUE -> 3;
            case EQUAL -> 4;
            case IN -> 5;
            case MULTI_EQUAL -> 6;
            case BY_DESTINATION -> 7;
            case REFERENCE -> 8;
            case SCATTER -> 9;
        };
    }
}
