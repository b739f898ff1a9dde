package io.jvitess.gateway.evaluation;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.sqltypes.SqlValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Immutable named values a plan is executed with: literals the normalizer took out of the
 * query, values of the left row of a join, results of pulled-out subqueries.
 * {@link #with} returns a copy, so a primitive never changes its caller's variables.
 */
public final class BindVariables {

    private static final BindVariables EMPTY = new BindVariables(Map.of());

    private final Map<String, BoundValue> values;

    private BindVariables(Map<String, BoundValue> values) {
        this.values = values;
    }

    public static BindVariables empty() {
        return EMPTY;
    }

    public static BindVariables of(Map<String, BoundValue> values) {
        return values.isEmpty() ? EMPTY : new BindVariables(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    public BindVariables with(String name, BoundValue value) {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        Map<String, BoundValue> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new BindVariables(Collections.unmodifiableMap(copy));
    }

    public BindVariables withAll(Map<String, BoundValue> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, BoundValue> copy = new LinkedHashMap<>(values);
        copy.putAll(more);
        return new BindVariables(Collections.unmodifiableMap(copy));
    }

    public Optional<BoundValue> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public SqlValue single(String name) {
        BoundValue value = values.get(name);
        if (value instanceof BoundValue.Single single) {
            return single.value();
        }
        throw missing(name, value);
    }

    public List<SqlValue> list(String name) {
        BoundValue value = values.get(name);
        if (value instanceof BoundValue.Tuple tuple) {
            return tuple.values();
        }
        throw missing(name, value);
    }

    public Map<String, BoundValue> asMap() {
        return values;
    }

    private static VtException missing(String name, BoundValue value) {
        if (value == null) {
            return VtException.of(VtCode.INVALID_ARGUMENT, "missing bind var %s", name);
        }
        return VtException.of(VtCode.INVALID_ARGUMENT, "bind var %s has the wrong kind: %s", name,
                value instanceof BoundValue.Tuple ? "list" : "single value");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
