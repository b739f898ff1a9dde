package io.jvitess.gateway.evaluation;

import io.jvitess.common.sqltypes.SqlValue;
import io.jvitess.proto.query.BindVariable;
import io.jvitess.proto.query.Type;
import io.jvitess.proto.query.Value;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The value of a bind variable: one value, or a list (for {@code x in ::list}). */
public sealed interface BoundValue {

    record Single(SqlValue value) implements BoundValue {
        public Single {
            requireNonNull(value, "value is null");
        }
    }

    record Tuple(List<SqlValue> values) implements BoundValue {
        public Tuple {
            values = List.copyOf(values);
        }
    }

    static BoundValue of(SqlValue value) {
        return new Single(value);
    }

    static BoundValue ofList(List<SqlValue> values) {
        return new Tuple(values);
    }

    static BoundValue fromProto(BindVariable variable) {
        if (variable.getType() == Type.TUPLE) {
            return new Tuple(variable.getValuesList().stream()
                    .map(value -> new SqlValue(value.getType(), value.getValue().toByteArray()))
                    .toList());
        }
        return new Single(SqlValue.fromBindVariable(variable));
    }

    default BindVariable toProto() {
        return switch (this) {
            case Single single -> single.value().toBindVariable();
            case Tuple tuple -> {
                BindVariable.Builder builder = BindVariable.newBuilder().setType(Type.TUPLE);
                for (SqlValue value : tuple.values()) {
                    builder.addValues(Value.newBuilder().setType(value.type())
                            .setValue(com.google.protobuf.ByteString.copyFrom(value.raw())));
                }
                yield builder.build();
            }
        };
    }
}
