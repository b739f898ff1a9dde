package io.jvitess.ctld.vschema;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.jvitess.common.errors.VtException;
import io.jvitess.proto.vschema.Keyspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VSchemaValidatorTest {

    private static Keyspace parse(String json) throws InvalidProtocolBufferException {
        Keyspace.Builder keyspace = Keyspace.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(json, keyspace);
        return keyspace.build();
    }

    @Test
    void acceptsTheSeedVSchemas() {
        assertThatCode(() -> VSchemaValidator.validate("commerce", parse("""
                {"tables": {"product": {}, "customer": {}, "corder": {}}}"""))).doesNotThrowAnyException();
        assertThatCode(() -> VSchemaValidator.validate("customer", parse("""
                {"sharded": true,
                 "vindexes": {"hash": {"type": "hash"}},
                 "tables": {"customer": {"column_vindexes": [{"column": "customer_id", "name": "hash"}],
                                         "auto_increment": {"column": "customer_id", "sequence": "customer_seq"}}}}"""))).doesNotThrowAnyException();
    }

    @Test
    void reportsUnknownVindexParamsForStrictMode() throws InvalidProtocolBufferException {
        Keyspace keyspace = parse("""
                {"sharded": true, "vindexes": {"h": {"type": "hash", "params": {"zeta": "1", "alpha": "2"}}},
                 "tables": {"t": {"column_vindexes": [{"column": "id", "name": "h"}]}}}""");
        org.assertj.core.api.Assertions.assertThat(VSchemaValidator.validate("ks", keyspace))
                .isEqualTo(java.util.Map.of("h", java.util.List.of("alpha", "zeta")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"sharded\": true, \"tables\": {\"t\": {}}}|missing primary col vindex for table: t",
            "{\"tables\": {\"t\": {\"type\": \"bogus\"}}}|unidentified table type bogus",
            "{\"sharded\": true, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"nope\"}]}}}|vindex nope not found for table t",
            "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"name\": \"h\"}]}}}|must specify at least one column for vindex (h) and table (t)",
            "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"a\", \"columns\": [\"b\"], \"name\": \"h\"}]}}}|can't use column and columns at the same time in vindex (h) and table (t)",
            "{\"sharded\": true, \"tables\": {\"seq\": {\"type\": \"sequence\"}}}|sequence table has to be in an unsharded keyspace or must be pinned: seq",
            "{\"tables\": {\"t\": {\"columns\": [{\"name\": \"a\"}, {\"name\": \"A\"}]}}}|duplicate column name 'A' for table: t",
            "{\"sharded\": true, \"vindexes\": {\"v\": {\"type\": \"nosuchtype\"}}, \"tables\": {}}|vindexType \"nosuchtype\" not found",
            "{\"sharded\": true, \"vindexes\": {\"lk\": {\"type\": \"lookup\", \"params\": {\"table\": \"lk\", \"from\": \"a\", \"to\": \"k\"}}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"a\", \"name\": \"lk\"}]}}}|primary vindex lk is not Unique for table t",
            "{\"sharded\": true, \"vindexes\": {\"lk\": {\"type\": \"lookup_unique\", \"owner\": \"t\", \"params\": {\"table\": \"lk\", \"from\": \"a\", \"to\": \"k\"}}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"a\", \"name\": \"lk\"}]}}}|primary vindex lk cannot be owned for table t",
    })
    void rejectsWithVitessMessages(String json, String message) throws InvalidProtocolBufferException {
        Keyspace keyspace = parse(json);
        assertThatThrownBy(() -> VSchemaValidator.validate("ks", keyspace)).isInstanceOf(VtException.class).hasMessage(message);
    }
}
