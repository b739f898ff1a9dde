package io.jvitess.vttest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.jvitess.common.errors.VtException;
import io.jvitess.ctld.vschema.VSchemaValidator;
import io.jvitess.proto.vschema.Keyspace;
import io.jvitess.sql.split.StatementSplitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A keyspace's part of vttestserver's {@code --schema_dir}: the statements of {@code <dir>/<keyspace>/*.sql}
 * (files in name order) and the VSchema of {@code <dir>/<keyspace>/vschema.json}. A keyspace without a
 * directory or without a vschema.json gets an empty VSchema, sharded when it has more than one shard.
 */
record KeyspaceSchema(List<Statement> statements, Keyspace vschema) {

    static final String VSCHEMA_FILE = "vschema.json";

    /** One statement and where it came from, for error messages an application team can act on. */
    record Statement(Path file, int number, String sql) {
        Statement {
            requireNonNull(file, "file is null");
            requireNonNull(sql, "sql is null");
        }
    }

    KeyspaceSchema {
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        requireNonNull(vschema, "vschema is null");
    }

    static KeyspaceSchema load(Optional<Path> schemaDirectory, KeyspaceSpec keyspace) {
        if (schemaDirectory.isPresent() && !Files.isDirectory(schemaDirectory.get())) {
            throw new IllegalArgumentException("schema directory " + schemaDirectory.get() + " does not exist or is not a directory");
        }
        Optional<Path> directory = schemaDirectory.map(root -> root.resolve(keyspace.name())).filter(Files::isDirectory);
        List<Statement> statements = new ArrayList<>();
        Keyspace vschema = Keyspace.newBuilder().setSharded(keyspace.shardCount() > 1).build();
        if (directory.isPresent()) {
            for (Path file : sqlFiles(directory.get())) {
                List<String> pieces = StatementSplitter.split(read(file));
                for (int index = 0; index < pieces.size(); index++) {
                    statements.add(new Statement(file, index + 1, pieces.get(index)));
                }
            }
            Path vschemaFile = directory.get().resolve(VSCHEMA_FILE);
            if (Files.isRegularFile(vschemaFile)) {
                vschema = parseVSchema(vschemaFile, keyspace);
            }
        }
        return new KeyspaceSchema(statements, vschema);
    }

    private static Keyspace parseVSchema(Path file, KeyspaceSpec keyspace) {
        Keyspace.Builder builder = Keyspace.newBuilder();
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(read(file), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("cannot parse " + file + " as a VSchema: " + e.getMessage(), e);
        }
        Keyspace vschema = builder.build();
        try {
            VSchemaValidator.validate(keyspace.name(), vschema);
        } catch (VtException e) {
            throw new IllegalArgumentException("invalid VSchema in " + file + ": " + e.getMessage(), e);
        }
        if (keyspace.shardCount() > 1 && !vschema.getSharded()) {
            throw new IllegalArgumentException("keyspace " + keyspace.name() + " has " + keyspace.shardCount()
                    + " shards but " + file + " does not say \"sharded\": true");
        }
        return vschema;
    }

    private static List<Path> sqlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql") && Files.isRegularFile(file))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list schema files in " + directory, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
