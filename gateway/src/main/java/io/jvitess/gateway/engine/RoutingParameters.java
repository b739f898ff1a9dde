package io.jvitess.gateway.engine;

import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.gateway.evaluation.BindVariables;
import io.jvitess.gateway.evaluation.BoundValue;
import io.jvitess.gateway.evaluation.EvalContext;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.KeyspaceInfo;
import io.jvitess.proto.topodata.ShardReference;
import io.jvitess.vindexes.SingleColumnVindex;
import io.jvitess.vindexes.Vindex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a route (or DML) goes: the opcode, the keyspace, and for vindex routes the vindex and
 * the expressions whose values it maps. For IN routes each shard gets its own values as
 * {@value #IN_LIST_VARIABLE}, so a shard only sees the values that live there.
 */
public record RoutingParameters(RouteOpcode opcode, KeyspaceInfo keyspace, Optional<Vindex> vindex, List<EvalExpression> values,
                                Optional<Destination> destination) {

    public static final String IN_LIST_VARIABLE = "__vals";

    public RoutingParameters {
        requireNonNull(opcode, "opcode is null");
        requireNonNull(keyspace, "keyspace is null");
        requireNonNull(vindex, "vindex is null");
        values = List.copyOf(values);
        requireNonNull(destination, "destination is null");
    }

    public static RoutingParameters of(RouteOpcode opcode, KeyspaceInfo keyspace) {
        return new RoutingParameters(opcode, keyspace, Optional.empty(), List.of(), Optional.empty());
    }

    public static RoutingParameters byVindex(RouteOpcode opcode, KeyspaceInfo keyspace, Vindex vindex, EvalExpression value) {
        return new RoutingParameters(opcode, keyspace, Optional.of(vindex), List.of(value), Optional.empty());
    }

    public static RoutingParameters toDestination(RouteOpcode opcode, KeyspaceInfo keyspace, Destination destination) {
        return new RoutingParameters(opcode, keyspace, Optional.empty(), List.of(), Optional.of(destination));
    }

    public RoutingParameters withOpcode(RouteOpcode newOpcode) {
        return new RoutingParameters(newOpcode, keyspace, vindex, values, destination);
    }

    /** The shards to send to; empty when the values map to no shard. */
    public List<ShardRoute> resolve(ExecutionContext context, BindVariables bindVariables) {
        List<ShardReference> shards = context.destinations().shards(keyspace.name());
        return switch (opcode) {
            case UNSHARDED, DBA -> single(shards);
            case NEXT -> destination.map(target -> plain(target.resolve(shards))).orElseGet(() -> single(shards));
            case REFERENCE -> destination.map(target -> plain(target.resolve(shards))).orElseGet(() -> single(shards));
            case SCATTER -> plain(shards.stream().map(ShardReference::getName).toList());
            case NONE -> List.of();
            case BY_DESTINATION -> plain(destination.orElseThrow().resolve(shards));
            case EQUAL_UNIQUE, EQUAL -> {
                if (destination.isPresent()) {
                    yield plain(destination.get().resolve(shards));
                }
                SqlValue value = values.getFirst().evaluate(EvalContext.of(bindVariables));
                yield plain(map(context, List.of(value)).getFirst().resolve(shards));
            }
            case MULTI_EQUAL -> {
                List<SqlValue> list = values.getFirst().evaluateList(EvalContext.of(bindVariables));
                List<String> names = new ArrayList<>();
                for (Destination target : map(context, list)) {
                    for (String shard : target.resolve(shards)) {
                        if (!names.contains(shard)) {
                            names.add(shard);
                        }
                    }
                }
                yield plain(inShardOrder(shards, names));
            }
            case IN -> {
                List<SqlValue> list = values.getFirst().evaluateList(EvalContext.of(bindVariables));
                List<Destination> targets = map(context, list);
                Map<String, List<SqlValue>> perShard = new LinkedHashMap<>();
                for (int index = 0; index < list.size(); index++) {
                    for (String shard : targets.get(index).resolve(shards)) {
                        perShard.computeIfAbsent(shard, ignored -> new ArrayList<>()).add(list.get(index));
                    }
                }
                List<ShardRoute> routes = new ArrayList<>();
                for (String shard : inShardOrder(shards, new ArrayList<>(perShard.keySet()))) {
                    routes.add(new ShardRoute(shard, Map.of(IN_LIST_VARIABLE, BoundValue.ofList(perShard.get(shard)))));
                }
                yield routes;
            }
        };
    }

    private List<Destination> map(ExecutionContext context, List<SqlValue> keys) {
        Vindex chosen = vindex.orElseThrow(() -> VtException.of(VtCode.INTERNAL, "VT13001: [BUG] %s route without a vindex", opcode.displayName()));
        if (!(chosen instanceof SingleColumnVindex single)) {
            throw VtException.of(VtCode.INTERNAL, "VT13001: [BUG] route on multi-column vindex %s", chosen.name());
        }
        return single.map(context.lookups(), keys);
    }

    private static List<ShardRoute> single(List<ShardReference> shards) {
        if (shards.isEmpty()) {
            return List.of();
        }
        return List.of(new ShardRoute(shards.getFirst().getName(), Map.of()));
    }

    private static List<ShardRoute> plain(List<String> names) {
        return names.stream().map(name -> new ShardRoute(name, Map.of())).toList();
    }

    private static List<String> inShardOrder(List<ShardReference> shards, List<String> names) {
        return shards.stream().map(ShardReference::getName).filter(names::contains).toList();
    }

    /** Adds Vindex, Values and TargetDestination to a plan description. */
    public void describeInto(Description description) {
        vindex.ifPresent(chosen -> description.put("Vindex", chosen.name()));
        if (!values.isEmpty()) {
            description.put("Values", values.stream().map(EvalExpression::describe).toList());
        }
        destination.ifPresent(target -> description.targetDestination(target.describe().replaceFirst("^Destination", "")));
    }
}
