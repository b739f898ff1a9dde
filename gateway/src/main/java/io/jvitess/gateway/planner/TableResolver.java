package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLWithSubqueryClause;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlDeleteStatement;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import io.jvitess.gateway.vschema.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the VSchema table of every table reference of a statement (routing rules included) and
 * then rewrites the references as the shards must see them: keyspace qualifiers removed, a
 * routed name replaced by the real table name (the old name stays as the alias).
 */
final class TableResolver {

    static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "mysql", "performance_schema", "sys");

    /** What a statement reads and writes. */
    static final class ResolvedTables {
        private final Map<SQLExprTableSource, Table> tables = new IdentityHashMap<>();
        private final Map<SQLExprTableSource, Optional<String>> qualifiers = new IdentityHashMap<>();
        private final Set<SQLExprTableSource> systemTables = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<Table> inOrder = new ArrayList<>();
        private final Set<String> keyspaceQualifiers = new LinkedHashSet<>();
        private boolean renamed;

        Optional<Table> table(SQLExprTableSource source) {
            return Optional.ofNullable(tables.get(source));
        }

        Optional<String> qualifier(SQLExprTableSource source) {
            return qualifiers.getOrDefault(source, Optional.empty());
        }

        boolean isSystem(SQLExprTableSource source) {
            return systemTables.contains(source);
        }

        boolean hasSystemTables() {
            return !systemTables.isEmpty();
        }

        /** Every table reference in statement order. */
        List<Table> all() {
            return List.copyOf(inOrder);
        }

        Set<String> keyspaces() {
            Set<String> keyspaces = new LinkedHashSet<>();
            inOrder.forEach(table -> keyspaces.add(table.keyspace().name()));
            return keyspaces;
        }

        /** Keyspace names written as qualifiers, to remove from the statement text. */
        Set<String> keyspaceQualifiers() {
            return keyspaceQualifiers;
        }

        /** True if a routing rule sent a name to a differently named table. */
        boolean renamed() {
            return renamed;
        }
    }

    private TableResolver() {
    }

    static ResolvedTables resolve(SQLStatement statement, PlanningContext context) {
        ResolvedTables resolved = new ResolvedTables();
        Set<String> commonTableNames = new HashSet<>();
        statement.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLWithSubqueryClause.Entry x) {
                commonTableNames.add(Identifiers.unquote(x.getAlias()));
                return true;
            }
        });
        statement.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(MySqlDeleteStatement x) {
                if (x.getFrom() != null) {
                    x.getFrom().accept(this);
                    if (x.getWhere() != null) {
                        x.getWhere().accept(this);
                    }
                    return false;
                }
                return true;
            }

            @Override
            public boolean visit(SQLExprTableSource x) {
                record(x, resolved, context, commonTableNames);
                return false;
            }
        });
        return resolved;
    }

    private static void record(SQLExprTableSource source, ResolvedTables resolved, PlanningContext context, Set<String> commonTableNames) {
        SQLExpr expr = source.getExpr();
        Optional<String> qualifier;
        String name;
        if (expr instanceof SQLIdentifierExpr identifier) {
            qualifier = Optional.empty();
            name = Identifiers.unquote(identifier.getName());
        } else if (expr instanceof SQLPropertyExpr property && property.getOwner() instanceof SQLIdentifierExpr owner) {
            qualifier = Optional.of(Identifiers.unquote(owner.getName()));
            name = Identifiers.unquote(property.getName());
        } else {
            return;
        }
        if (qualifier.isEmpty() && (commonTableNames.contains(name) || name.equalsIgnoreCase("dual"))) {
            return;
        }
        if (qualifier.isPresent() && SYSTEM_SCHEMAS.contains(qualifier.get().toLowerCase(Locale.ROOT))) {
            resolved.systemTables.add(source);
            return;
        }
        Table table = context.findTable(qualifier, name);
        resolved.tables.put(source, table);
        resolved.inOrder.add(table);
        resolved.qualifiers.put(source, qualifier);
        qualifier.ifPresent(resolved.keyspaceQualifiers::add);
        if (!table.name().equals(name)) {
            resolved.renamed = true;
        }
    }

    /**
     * Rewrites table references for the shards: bare (possibly back-quoted) table names, the
     * name the query used kept as alias when a routing rule renamed the table, and
     * {@code ks.t.col} column references shortened to {@code t.col}.
     */
    static void rewrite(SQLStatement statement, ResolvedTables resolved) {
        resolved.tables.forEach((source, table) -> {
            String written = source.getExpr() instanceof SQLPropertyExpr property ? Identifiers.unquote(property.getName())
                    : Identifiers.unquote(((SQLIdentifierExpr) source.getExpr()).getName());
            SQLIdentifierExpr bare = new SQLIdentifierExpr(Identifiers.printable(table.name()));
            source.setExpr(bare);
            if (source.getAlias() == null && !written.equals(table.name())) {
                source.setAlias(Identifiers.printable(written));
            }
        });
        Set<String> keyspaces = new HashSet<>(resolved.keyspaceQualifiers());
        if (keyspaces.isEmpty()) {
            return;
        }
        statement.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLPropertyExpr x) {
                if (x.getOwner() instanceof SQLPropertyExpr owner && owner.getOwner() instanceof SQLIdentifierExpr keyspace
                        && keyspaces.contains(Identifiers.unquote(keyspace.getName()))) {
                    SQLIdentifierExpr table = new SQLIdentifierExpr(owner.getName());
                    x.setOwner(table);
                }
                return true;
            }
        });
    }
}
