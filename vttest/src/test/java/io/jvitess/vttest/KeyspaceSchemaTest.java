package io.jvitess.vttest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyspaceSchemaTest {

    @TempDir
    Path schemaDirectory;

    @Test
    void readsSqlFilesInNameOrderAndSplitsTheirStatements() throws IOException {
        write("ks/b.sql", "insert into t values (1);\n/* comment only */;\ninsert into t values ('a;b');");
        write("ks/a.sql", "create table t (id varchar(10));");
        write("ks/notes.txt", "not sql;");

        KeyspaceSchema schema = KeyspaceSchema.load(Optional.of(schemaDirectory), new KeyspaceSpec("ks", 1));

        assertThat(schema.statements()).extracting(KeyspaceSchema.Statement::sql)
                .containsExactly("create table t (id varchar(10))", "insert into t values (1)", "insert into t values ('a;b')");
        assertThat(schema.statements().get(2).file().getFileName().toString()).isEqualTo("b.sql");
        assertThat(schema.statements().get(2).number()).isEqualTo(2);
    }

    @Test
    void aKeyspaceWithoutFilesGetsAnEmptyVSchemaShardedByItsShardCount() {
        assertThat(KeyspaceSchema.load(Optional.of(schemaDirectory), new KeyspaceSpec("missing", 2)).vschema().getSharded()).isTrue();
        KeyspaceSchema unsharded = KeyspaceSchema.load(Optional.empty(), new KeyspaceSpec("ks", 1));
        assertThat(unsharded.vschema().getSharded()).isFalse();
        assertThat(unsharded.statements()).isEmpty();
    }

    @Test
    void parsesTheVSchemaIgnoringUnknownFields() throws IOException {
        write("ks/vschema.json", """
                {"sharded": true, "future_option": 1,
                 "vindexes": {"hash": {"type": "hash"}},
                 "tables": {"customer": {"column_vindexes": [{"column": "customer_id", "name": "hash"}],
                                         "auto_increment": {"column": "customer_id", "sequence": "customer_seq"}}}}
                """);

        KeyspaceSchema schema = KeyspaceSchema.load(Optional.of(schemaDirectory), new KeyspaceSpec("ks", 2));

        assertThat(schema.vschema().getSharded()).isTrue();
        assertThat(schema.vschema().getTablesOrThrow("customer").getAutoIncrement().getSequence()).isEqualTo("customer_seq");
        assertThat(schema.vschema().getVindexesOrThrow("hash").getType()).isEqualTo("hash");
    }

    @Test
    void reportsAVSchemaVitessWouldReject() throws IOException {
        write("ks/vschema.json", "{\"sharded\": true, \"tables\": {\"t\": {}}}");
        assertThatThrownBy(() -> KeyspaceSchema.load(Optional.of(schemaDirectory), new KeyspaceSpec("ks", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vschema.json: missing primary col vindex for table: t");
    }

    @Test
    void reportsAnUnshardedVSchemaForSeveralShards() throws IOException {
        write("ks/vschema.json", "{\"tables\": {\"t\": {}}}");
        assertThatThrownBy(() -> KeyspaceSchema.load(Optional.of(schemaDirectory), new KeyspaceSpec("ks", 2)))
                .hasMessageContaining("keyspace ks has 2 shards but")
                .hasMessageContaining("does not say \"sharded\": true");
    }

    @Test
    void reportsJsonThatIsNotAVSchema() throws IOException {
        write("ks/vschema.json", "{\"tables\": [1, 2]}");
        assertThatThrownBy(() -> KeyspaceSchema.load(Optional.of(schemaDirectory), new KeyspaceSpec("ks", 1)))
                .hasMessageContaining("as a VSchema");
    }

    @Test
    void reportsAMissingSchemaDirectory() {
        Path missing = schemaDirectory.resolve("nope");
        assertThatThrownBy(() -> KeyspaceSchema.load(Optional.of(missing), new KeyspaceSpec("ks", 1)))
                .hasMessage("schema directory " + missing + " does not exist or is not a directory");
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = schemaDirectory.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
