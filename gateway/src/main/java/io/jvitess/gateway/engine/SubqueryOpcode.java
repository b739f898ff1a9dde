package io.jvitess.gateway.engine;

/** How a pulled-out subquery's result is handed to the outer query. */
public enum SubqueryOpcode {
    PULLOUT_VALUE("PulloutValue"),
    PULLOUT_IN("PulloutIn"),
    PULLOUT_NOT_IN("PulloutNotIn"),
    PULLOUT_EXISTS("PulloutExists");

    private final String displayName;

    SubqueryOpcode(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
