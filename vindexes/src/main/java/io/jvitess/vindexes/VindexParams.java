package io.jvitess.vindexes;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** What the registry hands a vindex factory: the type, the instance name and the VSchema params (always strings). */
record VindexParams(String type, String name, Map<String, String> values) {

    VindexParams {
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        values = Map.copyOf(requireNonNull(values, "values is null"));
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** An optional {@code true}/{@code false} param (absent means false), with Vitess's error text. */
    boolean bool(String key) {
        String value = values.get(key);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw VtException.of(VtCode.INVALID_ARGUMENT, "%s value must be 'true' or 'false': '%s'", key, value);
    }

    /** The params not in {@code known}, sorted (Vitess's FindUnknownParams). */
    List<String> unknown(Set<String> known) {
        return values.keySet().stream().filter(key -> !known.contains(key)).sorted().toList();
    }
}
