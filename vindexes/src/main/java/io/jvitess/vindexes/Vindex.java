package io.jvitess.vindexes;

import java.util.List;

/**
 * A named function from column values to keyspace ids (Vitess's Vindex). Capabilities beyond mapping
 * are separate interfaces ({@link Reversible}, {@link Hashing}, {@link Sequential}, {@link Prefixable},
 * {@link LookupVindex}, {@link OwnedVindex}) that callers probe with {@code instanceof}.
 */
public interface Vindex {

    /** Instance name from the VSchema, e.g. {@code hash} or {@code customer_email_lookup}. */
    String name();

    /** Registry type, e.g. {@code hash} or {@code lookup_unique}. */
    String type();

    /** Planner preference: 0 the value is the keyspace id, 1 a hash, 10 a unique lookup, 20 a non-unique lookup. */
    int cost();

    /** True if every value maps to at most one keyspace id. */
    boolean isUnique();

    /** True for the lookup family, which needs a {@link LookupContext} (Vitess's NeedsVCursor). */
    boolean needsLookup();

    /** Params this type does not know, sorted; {@code ApplyVSchema --strict} turns them into errors. */
    List<String> unknownParams();
}
