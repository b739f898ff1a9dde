package io.jvitess.gateway.vschema;

import io.jvitess.proto.query.Type;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** A column the VSchema declares (name lower-cased, type NULL_TYPE when not given). */
public record Column(String name, Type type) {

    public Column {
        name = requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
        requireNonNull(type, "type is null");
    }
}
