package io.jvitess.gateway.vschema;

import io.jvitess.gateway.srvtopo.ServingGraph;
import io.jvitess.proto.vschema.SrvVSchema;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The current resolved VSchema: rebuilt only when the serving graph's SrvVSchema or keyspace
 * list changes, so planning a query costs an identity check.
 */
public final class VSchemaProvider {

    private record Built(SrvVSchema source, List<String> keyspaceNames, VSchema vschema) {
    }

    private final ServingGraph servingGraph;
    private final VSchemaBuilder builder;
    private volatile Built current;
    private long generation;

    public VSchemaProvider(ServingGraph servingGraph, VindexFactory vindexFactory) {
        this.servingGraph = requireNonNull(servingGraph, "servingGraph is null");
        this.builder = new VSchemaBuilder(vindexFactory);
    }

    public VSchema current() {
        SrvVSchema source = servingGraph.vschema();
        List<String> names = servingGraph.keyspaceNames();
        Built known = current;
        if (known != null && known.source() == source && known.keyspaceNames() == names) {
            return known.vschema();
        }
        synchronized (this) {
            known = current;
            if (known != null && known.source().equals(source) && known.keyspaceNames().equals(names)) {
                // Same content re-read from the topo: remember the new objects so the next check is by identity.
                current = new Built(source, names, known.vschema());
                return known.vschema();
            }
            Set<String> served = new TreeSet<>(names);
            Built built = new Built(source, names, builder.build(source, served, ++generation));
            current = built;
            return built.vschema();
        }
    }
}
