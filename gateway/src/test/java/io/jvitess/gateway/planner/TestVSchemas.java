package io.jvitess.gateway.planner;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.jvitess.gateway.vschema.VSchema;
import io.jvitess.gateway.vschema.VSchemaBuilder;
import io.jvitess.gateway.vschema.VindexFactory;
import io.jvitess.proto.vschema.SrvVSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The planner tests' VSchema: sharded {@code user} (hash, lookup, lookup_unique, a reference table) and unsharded {@code main}. */
public final class TestVSchemas {

    private TestVSchemas() {
    }

    public static SrvVSchema srvVSchema() {
        try (InputStream input = TestVSchemas.class.getResourceAsStream("/planner/vschema.json")) {
            SrvVSchema.Builder builder = SrvVSchema.newBuilder();
            JsonFormat.parser().merge(new String(input.readAllBytes(), StandardCharsets.UTF_8), builder);
            return builder.build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("bad test vschema", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static VSchema vschema() {
        return new VSchemaBuilder(VindexFactory.standard()).build(srvVSchema(), Set.of("user", "main"), 1);
    }
}
