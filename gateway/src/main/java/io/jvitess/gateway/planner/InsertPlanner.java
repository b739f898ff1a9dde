package io.jvitess.gateway.planner;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlInsertStatement;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import io.jvitess.common.key.Destination;
import io.jvitess.gateway.engine.Dml;
import io.jvitess.gateway.engine.Insert;
import io.jvitess.gateway.engine.InsertCell;
import io.jvitess.gateway.engine.InsertVindex;
import io.jvitess.gateway.engine.Primitive;
import io.jvitess.gateway.engine.RouteOpcode;
import io.jvitess.gateway.engine.RoutingParameters;
import io.jvitess.gateway.engine.SequenceSource;
import io.jvitess.gateway.engine.SqlTemplate;
import io.jvitess.gateway.evaluation.EvalExpression;
import io.jvitess.gateway.vschema.AutoIncrement;
import io.jvitess.gateway.vschema.Column;
import io.jvitess.gateway.vschema.ColumnVindex;
import io.jvitess.gateway.vschema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * INSERT ... VALUES: each row goes to the shard of its primary vindex value. vtgate needs the
 * values of vindex and auto-increment columns itself, so those must be literals (or bind
 * variables); other columns are sent as written.
 */
final class InsertPlanner {

    private InsertPlanner() {
    }

    static Primitive plan(MySqlInsertStatement insert, TableResolver.ResolvedTables resolved) {
        SQLExprTableSource source = insert.getTableSource();
        Table table = resolved.table(source).orElseThrow(() -> Unsupported.of("INSERT into %s", SqlPrinter.print(source)));
        if (Expressions.containsSubquery(insert)) {
            throw Unsupported.of("subquery in INSERT into sharded table %s", table.name());
        }
        if (insert.getQuery() != null) {
            throw Unsupported.of("INSERT ... SELECT into %s in a sharded keyspace or across keyspaces", table.name());
        }
        if (table.isReference() && table.keyspace().sharded()) {
            if (table.autoIncrement().isPresent()) {
                throw Unsupported.of("auto-increment on reference table %s", table.name());
            }
            return new Dml(Dml.Kind.INSERT, RoutingParameters.of(RouteOpcode.SCATTER, table.keyspace()),
                    SqlTemplate.parse(SqlPrinter.print(insert)), table.name(), Optional.empty());
        }
        List<String> columns = columnNames(insert, table);
        List<List<SQLExpr>> rows = new ArrayList<>();
        for (SQLInsertStatement.ValuesClause clause : insert.getValuesList()) {
            if (clause.getValues().size() != columns.size()) {
                throw VtException.of(VtCode.INVALID_ARGUMENT, SqlState.WRONG_VALUE_COUNT_ON_ROW,
                        "VT03006: column count does not match value count with the row");
            }
            rows.add(new ArrayList<>(clause.getValues()));
        }
        int autoIncrementCell = -1;
        Optional<SequenceSource> sequence = Optional.empty();
        if (table.autoIncrement().isPresent()) {
            AutoIncrement autoIncrement = table.autoIncrement().get();
            autoIncrementCell = columns.indexOf(autoIncrement.column());
            if (autoIncrementCell < 0) {
                columns.add(autoIncrement.column());
                rows.forEach(row -> row.add(new SQLNullExpr()));
                autoIncrementCell = columns.size() - 1;
            }
            Table sequenceTable = autoIncrement.sequence();
            Destination destination = sequenceTable.pinned().<Destination>map(Destination.KeyspaceId::new).orElseGet(Destination.AnyShard::new);
            sequence = Optional.of(new SequenceSource(sequenceTable.keyspace(), Identifiers.printable(sequenceTable.name()), destination));
        }
        List<InsertVindex> vindexes = new ArrayList<>();
        List<Integer> evaluated = new ArrayList<>();
        if (autoIncrementCell >= 0) {
            evaluated.add(autoIncrementCell);
        }
        boolean sharded = table.keyspace().sharded();
        if (sharded) {
            if (table.pinned().isPresent() || table.columnVindexes().isEmpty()) {
                throw Unsupported.of("INSERT into pinned table %s", table.name());
            }
            for (ColumnVindex vindex : table.columnVindexes()) {
                List<Integer> cells = new ArrayList<>();
                for (String column : vindex.columns()) {
                    int cell = columns.indexOf(column);
                    if (cell < 0 && vindex == table.columnVindexes().getFirst()) {
                        throw VtException.of(VtCode.INVALID_ARGUMENT,
                                "VT09003: INSERT query does not have primary vindex column '%s' in the column list", column);
                    }
                    if (cell >= 0 && !evaluated.contains(cell)) {
                        evaluated.add(cell);
                    }
                    cells.add(cell);
                }
                if (vindex == table.columnVindexes().getFirst() || vindex.owned()) {
                    vindexes.add(new InsertVindex(vindex, cells));
                }
            }
            checkDuplicateKeyUpdate(insert, table);
        }
        List<List<InsertCell>> cells = new ArrayList<>();
        for (List<SQLExpr> row : rows) {
            List<InsertCell> rowCells = new ArrayList<>();
            for (int index = 0; index < row.size(); index++) {
                SQLExpr value = row.get(index);
                Optional<EvalExpression> computed = Optional.empty();
                if (evaluated.contains(index)) {
                    String column = columns.get(index);
                    computed = Optional.of(EvalConverter.constant(value).orElseThrow(() ->
                            Unsupported.of("expression %s as value of vindex or auto-increment column %s", SqlPrinter.print(value), column)));
                }
                rowCells.add(new InsertCell(SqlTemplate.parse(SqlPrinter.print(value)), computed));
            }
            cells.add(rowCells);
        }
        String prefix = "insert " + (insert.isIgnore() ? "ignore " : "") + "into " + Identifiers.printable(table.name())
                + columns.stream().map(InsertPlanner::printableColumn).collect(Collectors.joining(", ", "(", ")")) + " values ";
        String suffix = insert.getDuplicateKeyUpdate().isEmpty() ? ""
                : " on duplicate key update " + insert.getDuplicateKeyUpdate().stream().map(SqlPrinter::print).collect(Collectors.joining(", "));
        return new Insert(sharded, table.keyspace(), table.name(), prefix, cells, SqlTemplate.parse(suffix), vindexes, autoIncrementCell,
                sequence, insert.isIgnore());
    }

    private static String printableColumn(String column) {
        return Identifiers.printable(column);
    }

    private static List<String> columnNames(MySqlInsertStatement insert, Table table) {
        List<String> columns = new ArrayList<>();
        if (insert.getColumns().isEmpty()) {
            if (!table.columnListAuthoritative()) {
                throw VtException.of(VtCode.INVALID_ARGUMENT,
                        "VT09004: INSERT should contain column list or the table should have authoritative columns in vschema");
            }
            table.columns().stream().map(Column::name).forEach(columns::add);
            return columns;
        }
        for (SQLExpr column : insert.getColumns()) {
            columns.add(Identifiers.columnKey(Expressions.isColumn(column) ? Expressions.columnName(column) : SqlPrinter.print(column)));
        }
        return columns;
    }

    /** ON DUPLICATE KEY UPDATE must not change a vindex column: the row would sit on the wrong shard or miss its lookup row. */
    private static void checkDuplicateKeyUpdate(MySqlInsertStatement insert, Table table) {
        for (SQLExpr item : insert.getDuplicateKeyUpdate()) {
            if (item instanceof SQLBinaryOpExpr assignment && Expressions.isColumn(assignment.getLeft())) {
                String column = Identifiers.columnKey(Expressions.columnName(assignment.getLeft()));
                for (ColumnVindex vindex : table.columnVindexes()) {
                    if (vindex.columns().contains(column)) {
                        throw Unsupported.of("DML cannot update vindex column");
                    }
                }
            }
        }
    }

}
