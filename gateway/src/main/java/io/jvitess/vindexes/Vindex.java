package io.jvitess.vindexes;

import java.util.List;

/** TEMPORARY STUB of the jvitess-vindexes API (delete when the module is installed). */
public interface Vindex {
    String name();

    String type();

    int cost();

    boolean isUnique();

    boolean needsLookup();

    List<String> unknownParams();
}
