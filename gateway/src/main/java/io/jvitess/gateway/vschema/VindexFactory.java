package io.jvitess.gateway.vschema;

import io.jvitess.vindexes.Vindex;
import io.jvitess.vindexes.VindexRegistry;

import java.util.Map;

/** Creates vindex instances by type; production uses the standard registry, tests their own. */
@FunctionalInterface
public interface VindexFactory {

    Vindex create(String type, String name, Map<String, String> params);

    static VindexFactory standard() {
        VindexRegistry registry = VindexRegistry.standard();
        return registry::create;
    }
}
