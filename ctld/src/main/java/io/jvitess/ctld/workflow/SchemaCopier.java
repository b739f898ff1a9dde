package io.jvitess.ctld.workflow;

import io.jvitess.ctld.tabletmanager.TabletManagerClient;
import io.jvitess.proto.tabletmanagerdata.GetSchemaRequest;
import io.jvitess.proto.tabletmanagerdata.SchemaDefinition;
import io.jvitess.proto.tabletmanagerdata.TableDefinition;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** Creates a workflow's tables on the target primaries from the source primary's CREATE statements (CopySchemaShard). */
final class SchemaCopier {

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)^\\s*create\\s+table\\s+(?!if\\s+not\\s+exists)");

    private final TabletManagerClient tablets;

    SchemaCopier(TabletManagerClient tablets) {
        this.tablets = requireNonNull(tablets, "tablets is null");
    }

    /** The source's base tables (no views) among {@code tables}, or all of them when {@code tables} is empty. */
    List<TableDefinition> read(ShardPrimary source, Collection<String> tables) {
        SchemaDefinition schema = tablets.getSchema(source.primary(), GetSchemaRequest.newBuilder()
                .addAllTables(tables)
                .setTableSchemaOnly(true)
                .build());
        return schema.getTableDefinitionsList().stream()
                .filter(table -> !table.getType().equalsIgnoreCase("VIEW"))
                .toList();
    }

    /** Creates each table on each target unless it already exists there. */
    void copy(List<TableDefinition> tables, Collection<ShardPrimary> targets) {
        for (ShardPrimary target : targets) {
            for (TableDefinition table : tables) {
                String create = CREATE_TABLE.matcher(table.getSchema()).replaceFirst("CREATE TABLE IF NOT EXISTS ");
                tablets.executeFetchAsDba(target.primary(), create, target.databaseName(), false);
            }
        }
    }
}
