package io.jvitess.gateway.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Builds a primitive's plan description in Vitess's JSON shape: OperatorType, Variant,
 * Keyspace, TargetDestination, TargetTabletType first, then the other fields in name order,
 * then Inputs.
 */
public final class Description {

    private final String operatorType;
    private String variant;
    private Map<String, Object> keyspace;
    private String targetDestination;
    private final Map<String, Object> others = new TreeMap<>();
    private final List<Map<String, Object>> inputs = new ArrayList<>();

    private Description(String operatorType) {
        this.operatorType = requireNonNull(operatorType, "operatorType is null");
    }

    public static Description of(String operatorType) {
        return new Description(operatorType);
    }

    public Description variant(String name) {
        this.variant = name;
        return this;
    }

    public Description keyspace(String name, boolean sharded) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("Name", name);
        value.put("Sharded", sharded);
        this.keyspace = value;
        return this;
    }

    public Description targetDestination(String destination) {
        this.targetDestination = destination;
        return this;
    }

    /** Adds a field; null values and empty lists are left out, as Vitess omits them. */
    public Description put(String name, Object value) {
        if (value == null || value instanceof List<?> list && list.isEmpty() || value instanceof Map<?, ?> map && map.isEmpty()) {
            return this;
        }
        others.put(name, value);
        return this;
    }

    public Description input(Primitive input) {
        inputs.add(input.describe());
        return this;
    }

    public Description inputs(List<? extends Primitive> primitives) {
        primitives.forEach(this::input);
        return this;
    }

    public Map<String, Object> build() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("OperatorType", operatorType);
        if (variant != null) {
            description.put("Variant", variant);
        }
        if (keyspace != null) {
            description.put("Keyspace", keyspace);
        }
        if (targetDestination != null) {
            description.put("TargetDestination", targetDestination);
        }
        description.putAll(others);
        if (!inputs.isEmpty()) {
            description.put("Inputs", List.copyOf(inputs));
        }
        return Collections.unmodifiableMap(description);
    }
}
