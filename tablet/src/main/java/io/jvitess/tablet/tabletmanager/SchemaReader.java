package io.jvitess.tablet.tabletmanager;

import io.jvitess.proto.tabletmanagerdata.SchemaDefinition;
import io.jvitess.proto.tabletmanagerdata.TableDefinition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a database's schema the way Vitess reports it (GetSchema): CREATE statements, columns, keys, sizes. */
final class SchemaReader {

    private static final Pattern AUTO_INCREMENT_VALUE = Pattern.compile(" AUTO_INCREMENT=\\d+");

    private SchemaReader() {
    }

    static SchemaDefinition read(Connection dba, String database, Set<String> onlyTables, Set<String> excludeTables,
                                 boolean includeViews, boolean schemaOnly) throws SQLException {
        SchemaDefinition.Builder schema = SchemaDefinition.newBuilder();
        try (Statement statement = dba.createStatement();
             ResultSet result = statement.executeQuery("SHOW CREATE DATABASE IF NOT EXISTS " + quoteName(database))) {
            if (result.next()) {
                schema.setDatabaseSchema(result.getString(2).replace(quoteName(database), "{{.DatabaseName}}"));
            }
        }
        for (TableInfo table : tables(dba, database)) {
            if (!onlyTables.isEmpty() && !onlyTables.contains(table.name())
                    || excludeTables.contains(table.name())
                    || !includeViews && table.view()) {
                continue;
            }
            TableDefinition.Builder definition = TableDefinition.newBuilder()
                    .setName(table.name())
                    .setType(table.view() ? "VIEW" : "BASE TABLE")
                    .setSchema(createStatement(dba, database, table.name()));
            if (!schemaOnly) {
                definition.addAllColumns(columns(dba, database, table.name(), false))
                        .addAllPrimaryKeyColumns(columns(dba, database, table.name(), true))
                        .setDataLength(table.dataLength())
                        .setRowCount(table.rowCount());
            }
            schema.addTableDefinitions(definition);
        }
        return schema.build();
    }

    private record TableInfo(String name, boolean view, long dataLength, long rowCount) {
    }

    private static List<TableInfo> tables(Connection dba, String database) throws SQLException {
        List<TableInfo> tables = new ArrayList<>();
        try (PreparedStatement statement = dba.prepareStatement(
                "SELECT table_name, table_type, data_length, table_rows FROM information_schema.tables "
                        + "WHERE table_schema = ? ORDER BY table_name")) {
            statement.setString(1, database);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    tables.add(new TableInfo(result.getString(1), "VIEW".equals(result.getString(2)),
                            result.getLong(3), result.getLong(4)));
                }
            }
        }
        return tables;
    }

    private static String createStatement(Connection dba, String database, String table) throws SQLException {
        try (Statement statement = dba.createStatement();
             ResultSet result = statement.executeQuery("SHOW CREATE TABLE " + quoteName(database) + "." + quoteName(table))) {
            result.next();
            return AUTO_INCREMENT_VALUE.matcher(result.getString(2)).replaceAll("");
        }
    }

    private static List<String> columns(Connection dba, String database, String table, boolean primaryKeyOnly) throws SQLException {
        String sql = primaryKeyOnly
                ? "SELECT column_name FROM information_schema.key_column_usage WHERE table_schema = ? AND table_name = ? "
                        + "AND constraint_name = 'PRIMARY' ORDER BY ordinal_position"
                : "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = dba.prepareStatement(sql)) {
            statement.setString(1, database);
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1));
                }
            }
        }
        return columns;
    }

    private static String quoteName(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
