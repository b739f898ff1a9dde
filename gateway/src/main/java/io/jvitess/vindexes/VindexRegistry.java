package io.jvitess.vindexes;

import java.util.Map;

/** TEMPORARY STUB of the jvitess-vindexes API (delete when the module is installed). */
public final class VindexRegistry {
    private VindexRegistry() {
    }

    public static VindexRegistry standard() {
        return new VindexRegistry();
    }

    public Vindex create(String type, String name, Map<String, String> params) {
        throw new IllegalArgumentException("vindexType \"" + type + "\" not found");
    }
}
