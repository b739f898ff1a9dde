package io.jvitess.vindexes;

import java.util.List;
import java.util.Set;

/** Identity every vindex carries: its instance name, registry type and the params its type does not know. */
abstract class AbstractVindex implements Vindex {

    private final String name;
    private final String type;
    private final List<String> unknownParams;

    AbstractVindex(VindexParams params, Set<String> knownParams) {
        this(params.name(), params.type(), params.unknown(knownParams));
    }

    AbstractVindex(String name, String type, List<String> unknownParams) {
        this.name = name;
        this.type = type;
        this.unknownParams = List.copyOf(unknownParams);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public List<String> unknownParams() {
        return unknownParams;
    }

    @Override
    public boolean needsLookup() {
        return false;
    }

    @Override
    public String toString() {
        return type + " vindex " + name;
    }
}
