package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/** Creates vindexes by VSchema type name (Vitess's CreateVindex). */
public final class VindexRegistry {

    /** Builds one vindex; the registry is passed so composite types can create their parts. */
    @FunctionalInterface
    interface Factory {
        Vindex create(VindexParams params, VindexRegistry registry);
    }

    private static final VindexRegistry STANDARD = new VindexRegistry(standardFactories());

    private final Map<String, Factory> factories;

    private VindexRegistry(Map<String, Factory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** Every vindex type jvitess implements. */
    public static VindexRegistry standard() {
        return STANDARD;
    }

    /**
     * A new vindex of {@code type} named {@code name}. Unknown types fail with {@code vindexType "x" not found};
     * invalid params fail with Vitess's texts; unrecognised params are reported by {@link Vindex#unknownParams()}.
     */
    public Vindex create(String type, String name, Map<String, String> params) {
        requireNonNull(type, "type is null");
        Factory factory = factories.get(type);
        if (factory == null) {
            throw VtException.of(VtCode.INVALID_ARGUMENT, "vindexType \"%s\" not found", type);
        }
        return factory.create(new VindexParams(type, name, params == null ? Map.of() : params), this);
    }

    public Set<String> types() {
        return new TreeSet<>(factories.keySet());
    }

    private static Map<String, Factory> standardFactories() {
        Map<String, Factory> factories = new LinkedHashMap<>();
        factories.put("hash", (params, registry) -> new HashVindex(params));
        factories.put("xxhash", (params, registry) -> new XxhashVindex(params));
        factories.put("binary", (params, registry) -> new BinaryVindex(params));
        factories.put("binary_md5", (params, registry) -> new BinaryMd5Vindex(params));
        factories.put("numeric", (params, registry) -> new NumericVindex(params));
        factories.put("reverse_bits", (params, registry) -> new ReverseBitsVindex(params));
        factories.put("numeric_static_map", NumericStaticMapVindex::new);
        factories.put("null", (params, registry) -> new NullVindex(params));
        factories.put("unicode_loose_md5", (params, registry) -> new UnicodeLooseVindex(params, UnicodeLooseVindex.Flavor.MD5));
        factories.put("unicode_loose_xxhash", (params, registry) -> new UnicodeLooseVindex(params, UnicodeLooseVindex.Flavor.XXHASH));
        factories.put("multicol", MulticolVindex::create);
        factories.put("region_experimental", (params, registry) -> new RegionExperimentalVindex(params));
        factories.put("cfc", (params, registry) -> new CfcVindex(params));
        factories.put("lookup", (params, registry) -> TableLookupVindex.create(params, false));
        factories.put("lookup_unique", (params, registry) -> TableLookupVindex.create(params, true));
        factories.put("consistent_lookup", (params, registry) -> new ConsistentLookupVindex(params, false));
        factories.put("consistent_lookup_unique", (params, registry) -> new ConsistentLookupVindex(params, true));
        return factories;
    }
}
