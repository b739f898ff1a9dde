package io.jvitess.sql.parser;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.SQLObject;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLShowColumnsStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowCreateViewStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowIndexesStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowStatement;
import com.alibaba.druid.sql.ast.statement.SQLShowTablesStatement;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLWithSubqueryClause;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlExplainStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every table a statement references, in order of appearance. Not tables: {@code dual}, common table
 * expression names, and the alias-only targets of a multi-table DELETE ({@code delete x from t x}).
 */
final class TableCollector extends MySqlASTVisitorAdapter {

    private final Set<TableName> tables = new LinkedHashSet<>();
    private final Set<String> commonTableExpressions = new HashSet<>();
    private final Set<SQLExprTableSource> aliasReferences = Collections.newSetFromMap(new IdentityHashMap<>());

    private TableCollector() {
    }

    static List<TableName> collect(SQLStatement statement) {
        TableCollector collector = new TableCollector();
        collector.collectFrom(statement);
        return List.copyOf(collector.tables);
    }

    private void collectFrom(SQLStatement statement) {
        switch (statement) {
            case SQLShowCreateTableStatement show -> add(show.getName());
            case SQLShowCreateViewStatement show -> add(show.getName());
            case SQLShowColumnsStatement show -> addInDatabase(show.getTable(), show.getDatabase());
            case SQLShowIndexesStatement show -> addInDatabase(show.getTable() == null ? null : show.getTable().getExpr(), show.getDatabase());
            case SQLShowTablesStatement show -> {
                if (show.getDatabase() != null) {
                    tables.add(new TableName(Optional.of(Names.unquote(show.getDatabase().getSimpleName())), ""));
                }
            }
            case SQLShowStatement ignored -> {
            }
            case MySqlExplainStatement describe when describe.getTableName() != null -> add(describe.getTableName());
            case MySqlRenameTableStatement rename -> rename.getItems().forEach(item -> {
                add(item.getName());
                add(item.getTo());
            });
            default -> {
                markMultiTableDeleteAliases(statement);
                statement.accept(this);
            }
        }
    }

    private void add(SQLExpr expr) {
        if (expr != null) {
            Names.tableName(expr).ifPresent(tables::add);
        }
    }

    /** SHOW COLUMNS FROM t FROM ks: Druid keeps the database apart, also when written ks.t. */
    private void addInDatabase(SQLExpr table, SQLName database) {
        if (table instanceof SQLName name && database != null) {
            tables.add(TableName.of(Names.unquote(database.getSimpleName()), Names.unquote(name.getSimpleName())));
        } else {
            add(table);
        }
    }

    @Override
    public boolean visit(SQLWithSubqueryClause.Entry entry) {
        if (entry.getAlias() != null) {
            commonTableExpressions.add(Names.unquote(entry.getAlias()));
        }
        return true;
    }

    @Override
    public boolean visit(SQLExprTableSource source) {
        if (aliasReferences.contains(source) || source.getExpr() == null) {
            return true;
        }
        Names.tableName(source.getExpr())
                .filter(name -> name.qualifier().isPresent()
                        || !name.name().equalsIgnoreCase("dual") && !commonTableExpressions.contains(name.name()))
                .ifPresent(tables::add);
        return true;
    }

    /** In {@code DELETE x FROM t x JOIN u}, the target {@code x} is an alias, not a table. */
    private void markMultiTableDeleteAliases(SQLStatement statement) {
        if (!(statement instanceof SQLDeleteStatement delete) || delete.getTableSource() == null) {
            return;
        }
        SQLTableSource from = delete.getFrom() != null ? delete.getFrom() : delete.getUsing();
        if (from == null) {
            return;
        }
        Set<String> aliases = new HashSet<>();
        for (SQLExprTableSource source : exprTableSources(from)) {
            if (source.getAlias() != null) {
                aliases.add(Names.unquote(source.getAlias()));
            }
        }
        for (SQLExprTableSource target : exprTableSources(delete.getTableSource())) {
            Optional<TableName> name = Names.tableName(target.getExpr());
            if (name.isPresent() && name.get().qualifier().isEmpty() && aliases.contains(name.get().name())) {
                aliasReferences.add(target);
            }
        }
    }

    private static List<SQLExprTableSource> exprTableSources(SQLObject root) {
        List<SQLExprTableSource> sources = new ArrayList<>();
        root.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLExprTableSource source) {
                sources.add(source);
                return true;
            }
        });
        return sources;
    }
}
